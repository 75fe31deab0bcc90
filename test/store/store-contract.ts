// The behaviour every CallStore backend must show, run against the real SQLite file and the real
// PostgreSQL server by sqlite.test.ts and postgres.test.ts.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallStore, CallRecordStart } from '../../src/store/store.js';
import { StoreError } from '../../src/store/common.js';

export interface StoreFactory {
  /** A fresh, empty, not yet opened store. */
  create(): Promise<CallStore>;
  /** A second store over the same data (a restarted process). */
  reopen(): Promise<CallStore>;
}

export function start(id: string, caller: string, startedAt: Date): CallRecordStart {
  return { id, startedAt, direction: 'inbound', caller, callee: '+15550000000', sipCallId: `${id}@test` };
}

export function storeContract(factory: StoreFactory): void {
  it('records a call with its events in order and lists it', async () => {
    const store = await factory.create();
    await store.open();
    try {
      const t0 = new Date('2026-03-01T10:00:00Z');
      await store.createCall(start('c1', '+15551234567', t0));
      const appended = await Promise.all([
        store.appendEvent('c1', { type: 'identity', data: { identity: 'customer', name: 'Ann' } }),
        store.appendEvent('c1', { type: 'turn', data: { heard: 'my internet is down', intent: 'support' } }),
        store.appendEvent('c1', { type: 'transfer', data: { target: 'support' }, at: new Date(t0.getTime() + 5000) }),
      ]);
      assert.deepEqual(appended.map((e) => e && e.seq), [1, 2, 3]);
      await store.updateSummary('c1', { identity: 'customer', customerName: 'Ann', transferTarget: 'support' });
      await store.finishCall('c1', 'transferred', new Date(t0.getTime() + 6000));
      const record = await store.getCall('c1');
      assert.ok(record);
      assert.equal(record.summary.outcome, 'transferred');
      assert.equal(record.summary.customerName, 'Ann');
      assert.equal(record.summary.endedAt?.getTime(), t0.getTime() + 6000);
      assert.equal(record.summary.startedAt.getTime(), t0.getTime());
      assert.deepEqual(record.events.map((e) => e.type), ['identity', 'turn', 'transfer']);
      assert.deepEqual(record.events[1]!.data, { heard: 'my internet is down', intent: 'support' });
      assert.equal(record.events[2]!.at.getTime(), t0.getTime() + 5000);
      assert.equal(await store.getCall('nope'), undefined);
    } finally {
      await store.close();
    }
  });

  it('filters history by number, outcome and date, newest first', async () => {
    const store = await factory.create();
    await store.open();
    try {
      const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12));
      await store.createCall(start('a', '+15551112222', day(1)));
      await store.finishCall('a', 'completed', day(1));
      await store.createCall(start('b', '+15553334444', day(2)));
      await store.finishCall('b', 'screening-failed', day(2));
      await store.createCall(start('c', '+15551112222', day(3)));
      await store.finishCall('c', 'transferred', day(3));
      await store.createCall(start('d', 'anonymous', day(4)));
      const ids = async (filter: Parameters<CallStore['listCalls']>[0]) => (await store.listCalls(filter)).map((c) => c.id);
      assert.deepEqual(await ids({}), ['d', 'c', 'b', 'a']);
      assert.deepEqual(await ids({ number: '(555) 111-2222' }), ['c', 'a']);
      assert.deepEqual(await ids({ number: 'anonym' }), ['d']);
      assert.deepEqual(await ids({ number: '100%' }), []);
      assert.deepEqual(await ids({ outcome: 'transferred' }), ['c']);
      assert.deepEqual(await ids({ since: day(2), until: day(4) }), ['c', 'b']);
      assert.deepEqual(await ids({ limit: 2, offset: 1 }), ['c', 'b']);
      await assert.rejects(store.listCalls({ outcome: 'bogus' as never }), StoreError);
      await assert.rejects(store.listCalls({ limit: 0 }), StoreError);
    } finally {
      await store.close();
    }
  });

  it('answers bad input with a StoreError, never a crash', async () => {
    const store = await factory.create();
    await store.open();
    try {
      await assert.rejects(store.appendEvent('ghost', { type: 'turn', data: {} }), /unknown call "ghost"/);
      await store.createCall(start('x', '+15550001111', new Date()));
      await assert.rejects(store.createCall(start('x', '+15550001111', new Date())), /already exists/);
      await assert.rejects(store.createCall({ ...start('y', '+1', new Date()), startedAt: new Date('nope') }), StoreError);
      await assert.rejects(store.appendEvent('x', { type: '', data: {} }), StoreError);
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await assert.rejects(store.appendEvent('x', { type: 'turn', data: circular }), /not serializable/);
      await assert.rejects(store.updateSummary('x', { outcome: 'nope' as never }), StoreError);
      await assert.rejects(store.updateSummary('x', { bogus: 1 } as never), /unknown field/);
      await assert.rejects(store.finishCall('ghost', 'completed'), /unknown call/);
      await assert.rejects(store.addCallback({ callId: 'ghost', number: '+1', topic: 't', createdAt: new Date() }), /unknown call/);
      await assert.rejects(store.markCalledBack(999), /unknown callback/);
      await assert.rejects(store.markCalledBack(-1), StoreError);
      // After all that the store still works.
      await store.appendEvent('x', { type: 'turn', data: { ok: true } });
      assert.equal((await store.getCall('x'))?.events.length, 1);
    } finally {
      await store.close();
    }
  });

  it('keeps the waiting list and voice messages, and prunes old records', async () => {
    const store = await factory.create();
    await store.open();
    try {
      const old = new Date('2020-01-01T00:00:00Z');
      const recent = new Date();
      await store.createCall(start('old', '+15550000001', old));
      await store.finishCall('old', 'waiting-list', old);
      await store.createCall(start('new', '+15550000002', recent));
      await store.finishCall('new', 'voice-message', recent);
      await store.createCall(start('live', '+15550000003', old));
      const cb1 = await store.addCallback({ callId: 'old', number: '+15550000001', topic: 'billing', createdAt: old });
      const cb2 = await store.addCallback({ callId: 'new', number: '+15550000002', topic: 'support', agent: 'bob', createdAt: recent });
      await store.markCalledBack(cb2);
      assert.deepEqual((await store.listCallbacks({ pending: true })).map((c) => c.id), [cb1]);
      const all = await store.listCallbacks();
      assert.deepEqual(all.map((c) => c.id), [cb2, cb1]);
      assert.ok(all[0]!.calledBackAt instanceof Date);
      assert.equal(all[0]!.agent, 'bob');
      const vm = await store.addVoiceMessage({ callId: 'new', number: '+15550000002', path: '/tmp/vm.wav', durationMs: 4200, createdAt: recent });
      assert.deepEqual(await store.listVoiceMessages(), [{ id: vm, callId: 'new', number: '+15550000002', path: '/tmp/vm.wav', durationMs: 4200, createdAt: recent }]);
      assert.equal((await store.getVoiceMessage?.(vm))?.path, '/tmp/vm.wav');
      assert.equal(await store.prune(new Date('2021-01-01T00:00:00Z')), 1, 'only the finished old call goes');
      assert.deepEqual((await store.listCalls()).map((c) => c.id).sort(), ['live', 'new']);
      assert.deepEqual((await store.listCallbacks()).map((c) => c.id), [cb2]);
    } finally {
      await store.close();
    }
  });

  it('on reopen marks calls left in progress as interrupted and runs migrations once', async () => {
    const first = await factory.create();
    await first.open();
    await first.createCall(start('dead', '+15559998888', new Date('2026-03-05T08:00:00Z')));
    await first.appendEvent('dead', { type: 'turn', at: new Date('2026-03-05T08:00:03Z'), data: { heard: 'hello' } });
    await first.createCall(start('done', '+15559998887', new Date('2026-03-05T08:01:00Z')));
    await first.finishCall('done', 'completed');
    await first.close();
    const second = await factory.reopen();
    await second.open();
    try {
      const dead = await second.getCall('dead');
      assert.equal(dead?.summary.outcome, 'interrupted');
      assert.equal(dead?.summary.endedAt?.toISOString(), '2026-03-05T08:00:03.000Z');
      assert.deepEqual(dead?.events.map((e) => [e.seq, e.type]), [[1, 'turn'], [2, 'state']]);
      assert.equal(dead?.events[1]!.data.state, 'interrupted');
      assert.equal((await second.getCall('done'))?.summary.outcome, 'completed');
      // Events for a call created by an earlier process continue its numbering.
      const next = await second.appendEvent('dead', { type: 'note', data: {} });
      assert.equal(next && next.seq, 3);
    } finally {
      await second.close();
    }
  });
}
