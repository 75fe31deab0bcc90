// The records commands as a user runs them: `frontdesk calls` (table, --json, filters, bad flags) on a
// real SQLite store — also while a server process holds it open — and `frontdesk config check`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import { SQLITE_FILE } from '../../src/store/index.js';
import { recordCall } from '../helpers/web.js';

const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
function frontdesk(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', env: { ...process.env, FRONTDESK_LOG_LEVEL: 'silent', DATABASE_URL: '' }, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('frontdesk calls / config check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-'));
  const configFile = join(dir, 'frontdesk.yaml');
  let store: SqliteStore;
  before(async () => {
    writeFileSync(configFile, `operations:\n  dataDir: ${JSON.stringify(dir)}\n`);
    store = new SqliteStore({ path: join(dir, SQLITE_FILE) });
    await store.open();
    await recordCall(store, { id: 'c1', caller: '+15551112222', startedAt: new Date('2026-03-01T10:00:00Z'), identity: 'customer', customerName: 'Ann Lee', outcome: 'transferred' });
    await recordCall(store, { id: 'c2', caller: '+15553334444', startedAt: new Date('2026-03-02T10:00:00Z'), outcome: 'screening-failed' });
    await recordCall(store, { id: 'c3', caller: '+15559990000', startedAt: new Date('2026-03-03T10:00:00Z'), finish: false });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists recent calls as a table while the store is open elsewhere, without touching live calls', () => {
    const { code, stdout } = frontdesk('calls', '-c', configFile);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0]!, /^started \(UTC\)\s+caller\s+outcome\s+identity\s+customer\s+length\s+id$/);
    assert.match(lines[1]!, /^2026-03-03 10:00:00\s+\+15559990000\s+in-progress/);
    assert.match(lines[3]!, /^2026-03-01 10:00:00\s+\+15551112222\s+transferred\s+customer\s+Ann Lee\s+42s\s+c1$/);
  });

  it('filters and prints JSON', async () => {
    const byNumber = frontdesk('calls', '-c', configFile, '--number', '555-333', '--json');
    assert.equal(byNumber.code, 0);
    assert.deepEqual(JSON.parse(byNumber.stdout).map((c: { id: string }) => c.id), ['c2']);
    const byOutcome = JSON.parse(frontdesk('calls', '-c', configFile, '--outcome', 'transferred', '--json').stdout);
    assert.deepEqual(byOutcome.map((c: { id: string }) => c.id), ['c1']);
    const since = JSON.parse(frontdesk('calls', '-c', configFile, '--since', '2026-03-02', '--until', '2026-03-03', '--json').stdout);
    assert.deepEqual(since.map((c: { id: string }) => c.id), ['c2']);
    assert.match(frontdesk('calls', '-c', configFile, '--number', '0000000').stdout, /no calls match/);
    assert.equal((await store.getCall('c3'))?.summary.outcome, 'in-progress', 'the CLI did not mark the live call interrupted');
  });

  it('answers bad flags with one clear line and exit code 1', () => {
    const bad = frontdesk('calls', '-c', configFile, '--outcome', 'exploded');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--outcome: unknown outcome "exploded"/);
    assert.match(frontdesk('calls', '-c', configFile, '--since', 'someday').stderr, /--since: expected a date/);
    const missing = frontdesk('calls', '-c', join(dir, 'nope.yaml'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.yaml: \(top level\): cannot read: ENOENT/);
  });

  it('config check prints OK or the one-line error', () => {
    const ok = frontdesk('config', 'check', configFile);
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout.trim(), `OK: ${configFile}`);
    const badFile = join(dir, 'bad.yaml');
    writeFileSync(badFile, 'operations:\n  retentionDays: -5\n');
    const bad = frontdesk('config', 'check', badFile);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /bad\.yaml: operations\.retentionDays: /);
    writeFileSync(badFile, 'operations: [unclosed\n');
    assert.match(frontdesk('config', 'check', badFile).stderr, /invalid YAML/);
  });
});
