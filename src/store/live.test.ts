import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveBus, withLive, type LiveMessage } from './live.js';
import { SqliteStore } from './sqlite.js';

test('withLive publishes each stored write and tracks calls in progress', async () => {
  const bus = new LiveBus();
  const store = withLive(new SqliteStore({ path: ':memory:' }), bus);
  await store.open();
  const seen: LiveMessage[] = [];
  const unsubscribe = bus.subscribe((m) => seen.push(m));
  bus.subscribe(() => {
    throw new Error('a broken subscriber');
  });
  await store.createCall({ id: 'c', startedAt: new Date(), direction: 'inbound', caller: '+15551230000', callee: '', sipCallId: 'x' });
  bus.partial('c', 'my inter');
  assert.equal(bus.activeCalls()[0]?.partial, 'my inter');
  await store.appendEvent('c', { type: 'turn', data: { heard: 'my internet is down' } });
  await store.updateSummary('c', { identity: 'customer' });
  assert.equal(bus.activeCalls()[0]?.call.identity, 'customer');
  assert.equal(bus.activeCalls()[0]?.events[0]?.seq, 1);
  assert.equal(bus.activeCalls()[0]?.partial, undefined);
  await assert.rejects(store.appendEvent('ghost', { type: 'turn', data: {} }));
  await store.finishCall('c', 'completed');
  assert.deepEqual(bus.activeCalls(), []);
  assert.deepEqual(seen.map((m) => m.type), ['call-started', 'partial', 'call-event', 'call-updated', 'call-finished']);
  unsubscribe();
  await store.close();
});
