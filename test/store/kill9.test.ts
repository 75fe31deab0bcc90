// A real kill -9 mid-call: a child process writes call records, is SIGKILLed while appending events,
// and a new store over the same data finds every record, the live one with every event whose append
// had resolved, marked interrupted. Run against SQLite and PostgreSQL.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import { PostgresStore } from '../../src/store/postgres.js';
import type { CallStore } from '../../src/store/store.js';
import { createThrowawayDatabase } from '../helpers/postgres.js';

const child = new URL('./kill9-child.ts', import.meta.url).pathname;

/** Runs the child until it reports `atLeast` durable events, SIGKILLs it, returns the last count seen. */
function runAndKill(kind: string, target: string, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, kind, target], { stdio: ['ignore', 'pipe', 'pipe'] });
    let durable = 0;
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      const counts = [...chunk.toString().matchAll(/durable (\d+)/g)].map((m) => Number(m[1]));
      if (counts.length) durable = Math.max(durable, ...counts);
      if (!killed && durable >= atLeast) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killed) resolve(durable);
      else reject(new Error(`child ended without being killed (${signal}): ${stderr}`));
    });
  });
}

async function assertSurvived(store: CallStore, durable: number): Promise<void> {
  await store.open();
  try {
    const calls = await store.listCalls();
    assert.deepEqual(calls.map((c) => c.id).sort(), ['done-0', 'done-1', 'done-2', 'done-3', 'done-4', 'mid-call']);
    for (const call of calls.filter((c) => c.id !== 'mid-call')) assert.equal(call.outcome, 'completed');
    const mid = await store.getCall('mid-call');
    assert.equal(mid?.summary.outcome, 'interrupted');
    const stored = mid!.events.filter((e) => !(e.type === 'state' && e.data.state === 'interrupted'));
    assert.ok(stored.length >= durable, `${stored.length} events stored, ${durable} had been reported durable`);
    assert.deepEqual(stored.map((e) => e.seq), stored.map((_, i) => i + 1), 'no gaps in the event sequence');
    assert.equal(mid!.events.at(-1)!.data.state, 'interrupted');
  } finally {
    await store.close();
  }
}

describe('kill -9 mid-call', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-kill9-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite keeps every record and every resolved event', async () => {
    const path = join(dir, 'frontdesk.sqlite');
    const durable = await runAndKill('sqlite', path, 40);
    await assertSurvived(new SqliteStore({ path }), durable);
  });

  it('PostgreSQL keeps every record and every resolved event', async () => {
    const db = await createThrowawayDatabase('frontdesk_kill9');
    try {
      const durable = await runAndKill('postgres', db.url, 40);
      await assertSurvived(new PostgresStore({ url: db.url }), durable);
    } finally {
      await db.drop();
    }
  });
});
