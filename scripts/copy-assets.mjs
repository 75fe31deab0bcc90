// Build step after tsc: copies the non-TypeScript files under src/ (the web dashboard's public/
// assets) to the same place under dist/, so the compiled program finds them beside its modules.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.argv[2] ?? join(root, 'dist');
const source = join(root, 'src');

function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (!name.endsWith('.ts')) cpSync(path, join(outDir, relative(source, path)));
  }
}

copyAssets(source);
