// `frontdesk eval speech` end to end on a two-item corpus: prints per-kind figures and writes --json;
// a missing corpus is one clear error line and exit code 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

function frontdesk(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 50_000,
    env: { ...process.env, FRONTDESK_FROM_SOURCE: '1', FRONTDESK_LOG_LEVEL: 'silent' },
  });
}

test('eval speech scores a small corpus and writes JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eval-cli-'));
  try {
    const corpus = join(dir, 'corpus');
    spawnSync('mkdir', ['-p', corpus]);
    const lines = readFileSync(join(CORPUS_DIR, 'manifest.jsonl'), 'utf8').split('\n');
    const keep = lines.filter((l) => l.includes('"passcode-013.wav"') || l.includes('"yesno-081.wav"'));
    for (const line of keep) copyFileSync(join(CORPUS_DIR, JSON.parse(line).file), join(corpus, JSON.parse(line).file));
    writeFileSync(join(corpus, 'manifest.jsonl'), keep.join('\n') + '\n');
    const out = join(dir, 'out.json');
    const run = frontdesk(['eval', 'speech', '--corpus', corpus, '--json', out, '--data-dir', join(dir, 'data')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /passcode\s+1\s+100\.0 % exact match/);
    assert.match(run.stdout, /yesno\s+1\s+100\.0 % correct/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(report.summary.map((s: { kind: string }) => s.kind).sort(), ['passcode', 'yesno']);
    assert.equal(report.outcomes.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing corpus is a one-line error', () => {
  const run = frontdesk(['eval', 'speech', '--corpus', '/nonexistent/corpus']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^frontdesk: cannot read \/nonexistent\/corpus\/manifest\.jsonl: ENOENT/);
});
