#!/usr/bin/env node
// Runs one benchmark from bench/ (TypeScript through tsx): `npm run bench -- <name> [args…]`.
// Without a name, lists them. Benchmarks print figures and ratios against a peer measured in the
// same run; they assert nothing (tests do that).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <name> [args…]\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 1 : 0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
