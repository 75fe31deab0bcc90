// Child process for kill9.test.ts: opens the store, finishes a few calls, then keeps one call in
// progress appending events, printing "durable <n>" each time an append has resolved. It never exits
// by itself: the test SIGKILLs it.
import { SqliteStore } from '../../src/store/sqlite.js';
import { PostgresStore } from '../../src/store/postgres.js';
import type { CallStore } from '../../src/store/store.js';

const [kind, target] = process.argv.slice(2);
const store: CallStore = kind === 'postgres' ? new PostgresStore({ url: target! }) : new SqliteStore({ path: target! });
await store.open();
for (let i = 0; i < 5; i++) {
  await store.createCall({ id: `done-${i}`, startedAt: new Date(), direction: 'inbound', caller: `+1555000000${i}`, callee: '+15550000000', sipCallId: `d${i}` });
  await store.appendEvent(`done-${i}`, { type: 'turn', data: { heard: `call ${i}` } });
  await store.finishCall(`done-${i}`, 'completed');
}
await store.createCall({ id: 'mid-call', startedAt: new Date(), direction: 'inbound', caller: '+15557654321', callee: '+15550000000', sipCallId: 'm' });
let durable = 0;
for (let n = 1; ; n++) {
  // Several appends per turn, like a real call (turn + state + rtp-quality), to exercise batching.
  await Promise.all([
    store.appendEvent('mid-call', { type: 'turn', data: { n, heard: `utterance ${n}` } }),
    store.appendEvent('mid-call', { type: 'state', data: { n } }),
  ]);
  durable += 2;
  process.stdout.write(`durable ${durable}\n`);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
