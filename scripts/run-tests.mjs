#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner (through tsx), one file at a time:
// real-peer tests bind ports and spawn sipp/baresip/kamailio, and the machine has two cores.
// Prints the runner's spec output, then one closing line "N passed, N failed, N skipped".
// Usage: node scripts/run-tests.mjs [substring filter ...]
import { readdirSync, statSync, readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
};
walk('src');
walk('test');
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const tap = join(mkdtempSync(join(tmpdir(), 'frontdesk-tests-')), 'results.tap');
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...selected,
  ],
  { stdio: 'inherit', env: { ...process.env, FRONTDESK_LOG_LEVEL: process.env.FRONTDESK_LOG_LEVEL ?? 'silent' } },
);
const text = readFileSync(tap, 'utf8');
const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
process.exit(result.status ?? 1);
