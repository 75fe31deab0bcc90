// Retention on a real SQLite store: expired records and their voice message files go, recent ones and
// calls still in progress stay.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import { pruneOnce, startRetention } from '../../src/store/retention.js';
import { recordCall } from '../helpers/web.js';

it('prunes records and voice message files older than the retention period', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-retention-'));
  const store = new SqliteStore({ path: join(dir, 'frontdesk.sqlite') });
  await store.open();
  try {
    const now = new Date('2026-06-01T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await recordCall(store, { id: 'old', caller: '+15550000001', startedAt: daysAgo(40), outcome: 'voice-message' });
    await recordCall(store, { id: 'recent', caller: '+15550000002', startedAt: daysAgo(5), outcome: 'voice-message' });
    await recordCall(store, { id: 'stuck', caller: '+15550000003', startedAt: daysAgo(40), finish: false });
    const oldFile = join(dir, 'old.wav');
    const recentFile = join(dir, 'recent.wav');
    writeFileSync(oldFile, 'x');
    writeFileSync(recentFile, 'x');
    await store.addVoiceMessage({ callId: 'old', number: '+15550000001', path: oldFile, durationMs: 1000, createdAt: daysAgo(40) });
    await store.addVoiceMessage({ callId: 'recent', number: '+15550000002', path: recentFile, durationMs: 1000, createdAt: daysAgo(5) });
    await store.addVoiceMessage({ callId: 'old', number: '+15550000001', path: join(dir, 'already-gone.wav'), durationMs: 1, createdAt: daysAgo(40) });
    assert.equal(await pruneOnce(store, 30, now), 1);
    assert.deepEqual((await store.listCalls()).map((c) => c.id).sort(), ['recent', 'stuck']);
    assert.equal(existsSync(oldFile), false);
    assert.equal(existsSync(recentFile), true);
    assert.deepEqual((await store.listVoiceMessages()).map((m) => m.callId), ['recent']);
    // The scheduler runs a pass at once (ten years: nothing else is old enough) and stops cleanly.
    const retention = startRetention(store, 3650);
    await retention.firstPass;
    retention.stop();
    assert.equal((await store.listCalls()).length, 2);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
