// Store throughput under 1,000 concurrent calls (each appending ~1 event/s plus end-of-turn bursts)
// on SQLite (synchronous NORMAL and FULL) and PostgreSQL, and the media pacing jitter meanwhile: the
// lateness of the shared 20 ms media clock's ticks with and without the write load. Also a flood phase
// (every call appending back to back) for the capacity ceiling.
// Usage: node --import tsx bench/store-throughput.ts [calls=1000] [seconds=8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedClock } from '../src/media/clock.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { PostgresStore } from '../src/store/postgres.js';
import type { CallStore } from '../src/store/store.js';
import { createThrowawayDatabase } from '../test/helpers/postgres.js';

const CALLS = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 8);
const FLOOD_SECONDS = 3;
const BURST_SHARE = 0.02; // calls ending a turn each second
const BURST_EVENTS = 5; // turn, prompt, state, identity, rtp-quality
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function quantiles(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: pick(0.5), p99: pick(0.99), max: sorted.at(-1) ?? NaN };
}

/** Runs `work` while recording how late each 20 ms tick of the shared media clock fires. */
async function withTickLateness(work: () => Promise<void>): Promise<{ p50: number; p99: number; max: number; ticks: number }> {
  const lateness: number[] = [];
  const unsubscribe = sharedClock.subscribe((_tick, deadlineNs) => lateness.push(Number(process.hrtime.bigint() - deadlineNs) / 1e6));
  await work();
  unsubscribe();
  return { ...quantiles(lateness.slice(5)), ticks: lateness.length };
}

const event = (n: number) => ({ type: 'turn', data: { heard: `caller utterance number ${n} with a few words`, intent: 'support', confidence: 0.82 } });

async function sustained(store: CallStore, label: string) {
  await Promise.all(Array.from({ length: CALLS }, (_, i) => store.createCall({ id: `${label}-${i}`, startedAt: new Date(), direction: 'inbound', caller: `+1555${String(i).padStart(7, '0')}`, callee: '+15550000000', sipCallId: `${label}-${i}` })));
  const latencies: number[] = [];
  let stored = 0;
  let failed = 0;
  const append = (call: number, n: number) => {
    const started = performance.now();
    store.appendEvent(`${label}-${call}`, event(n)).then(
      () => (stored++, latencies.push(performance.now() - started)),
      () => failed++,
    );
  };
  const offsets = Array.from({ length: CALLS }, () => Math.random() * 1000);
  const jitter = await withTickLateness(async () => {
    const start = performance.now();
    let last = 0;
    let n = 0;
    while (performance.now() - start < SECONDS * 1000) {
      await sleep(10);
      const now = performance.now() - start;
      for (let i = 0; i < CALLS; i++) {
        // Each call's event falls once per second at its own offset.
        const due = Math.floor((now - offsets[i]!) / 1000) !== Math.floor((last - offsets[i]!) / 1000);
        if (due) append(i, n++);
        if (due && Math.random() < BURST_SHARE) for (let b = 0; b < BURST_EVENTS; b++) append(i, n++);
      }
      last = now;
    }
    while (stored + failed < n) await sleep(5);
  });
  await Promise.all(Array.from({ length: CALLS }, (_, i) => store.finishCall(`${label}-${i}`, 'completed')));
  return { eventsPerSecond: stored / SECONDS, failed, appendMs: quantiles(latencies), jitter };
}

async function flood(store: CallStore, label: string) {
  await Promise.all(Array.from({ length: CALLS }, (_, i) => store.createCall({ id: `${label}-f${i}`, startedAt: new Date(), direction: 'inbound', caller: '+15550000001', callee: '+15550000000', sipCallId: `f${i}` })));
  let stored = 0;
  const jitter = await withTickLateness(async () => {
    const end = performance.now() + FLOOD_SECONDS * 1000;
    await Promise.all(Array.from({ length: CALLS }, async (_, i) => {
      while (performance.now() < end) {
        await store.appendEvent(`${label}-f${i}`, event(stored));
        stored++;
      }
    }));
  });
  return { eventsPerSecond: stored / FLOOD_SECONDS, jitter };
}

const fmt = (q: { p50: number; p99: number; max: number }) => `p50 ${q.p50.toFixed(2)} ms, p99 ${q.p99.toFixed(2)} ms, max ${q.max.toFixed(2)} ms`;

async function main(): Promise<void> {
  console.log(`store throughput: ${CALLS} concurrent calls, ~1 event/s each + bursts, ${SECONDS} s per phase (2 shared cores, other engineers running: figures under contention)`);
  const idle = await withTickLateness(() => sleep(SECONDS * 1000));
  console.log(`media clock tick lateness, no store load:   ${fmt(idle)} (${idle.ticks} ticks)`);
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-'));
  const results: Record<string, { sustained: Awaited<ReturnType<typeof sustained>>; flood: Awaited<ReturnType<typeof flood>> }> = {};
  const db = await createThrowawayDatabase('frontdesk_bench');
  try {
    const backends: [string, CallStore][] = [
      ['sqlite (WAL, synchronous=NORMAL)', new SqliteStore({ path: join(dir, 'normal.sqlite') })],
      ['sqlite (WAL, synchronous=FULL)', new SqliteStore({ path: join(dir, 'full.sqlite'), synchronous: 'full' })],
      ['postgresql', new PostgresStore({ url: db.url })],
    ];
    for (const [name, store] of backends) {
      await store.open();
      const s = await sustained(store, 's');
      const f = await flood(store, 'f');
      await store.close();
      results[name] = { sustained: s, flood: f };
      console.log(`\n${name}`);
      console.log(`  sustained: ${s.eventsPerSecond.toFixed(0)} events/s stored (${s.failed} failed), append→durable ${fmt(s.appendMs)}`);
      console.log(`  media clock tick lateness while writing: ${fmt(s.jitter)}`);
      console.log(`  flood (every call appending back to back): ${f.eventsPerSecond.toFixed(0)} events/s; tick lateness ${fmt(f.jitter)}`);
    }
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  const idleAfter = await withTickLateness(() => sleep(SECONDS * 1000));
  console.log(`\nmedia clock tick lateness, no store load (again, after): ${fmt(idleAfter)}`);
  const sqlite = results['sqlite (WAL, synchronous=NORMAL)']!;
  const pg = results['postgresql']!;
  console.log('\nratios (same run):');
  console.log(`  flood capacity sqlite NORMAL / postgresql: ${(sqlite.flood.eventsPerSecond / pg.flood.eventsPerSecond).toFixed(2)}×`);
  const idleP99 = Math.min(idle.p99, idleAfter.p99);
  console.log(`  tick lateness p99 under sustained load / idle (best idle run): sqlite ${(sqlite.sustained.jitter.p99 / idleP99).toFixed(2)}×, postgresql ${(pg.sustained.jitter.p99 / idleP99).toFixed(2)}×`);
}

await main();
