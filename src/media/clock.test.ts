// The shared pacer keeps an absolute schedule: tick n is due at start + n × 20 ms whatever the timer
// lateness, bursts after a stall are bounded, subscribers are spread over the period's slots, and the
// clock stops when nobody listens. Time is simulated except in the one real-clock test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacingClock, type PacingClockOptions } from './clock.js';

const MS = 1_000_000n;

function simulatedClock(lateness: (wakeup: number) => number, options: PacingClockOptions = {}) {
  let now = 1_000_000_000n;
  let pending: { callback: () => void; delayMs: number } | undefined;
  let wakeups = 0;
  const clock = new PacingClock({
    ...options,
    now: () => now,
    setTimer: (callback, delayMs) => {
      pending = { callback, delayMs };
      return undefined;
    },
    clearTimer: () => {
      pending = undefined;
    },
  });
  const run = (until: () => boolean): void => {
    while (pending && !until()) {
      const { callback, delayMs } = pending;
      pending = undefined;
      now += BigInt(Math.round((delayMs + lateness(wakeups++)) * 1e6));
      callback();
    }
  };
  return { clock, run, now: () => now, hasTimer: () => pending !== undefined, wakeups: () => wakeups };
}

test('the 500th tick is due exactly at start + 500 × 20 ms despite late, jittery timers', () => {
  const sim = simulatedClock((i) => (i * 7919) % 5 * 0.7); // 0–2.8 ms late, varying
  const ticks: { tick: number; deadline: bigint; firedAt: bigint }[] = [];
  const start = sim.now();
  const stop = sim.clock.subscribe((tick, deadline) => ticks.push({ tick, deadline, firedAt: sim.now() }));
  sim.run(() => ticks.length > 500);
  stop();
  assert.equal(ticks[500]!.tick, 500);
  assert.equal(ticks[500]!.deadline, start + 500n * 20n * MS);
  for (const { tick, deadline, firedAt } of ticks) {
    assert.equal(deadline, start + BigInt(tick) * 20n * MS, 'anchored to the absolute grid');
    assert.ok(firedAt >= deadline - MS / 2n, 'never more than the 0.5 ms tolerance early');
  }
  assert.equal(sim.clock.stats.skipped, 0);
  assert.equal(sim.hasTimer(), false, 'no listener, no timer');
});

test('after a stall the clock catches up by at most 3 ticks per wake-up, then skips, and stays on the grid', () => {
  const sim = simulatedClock((i) => (i === 20 ? 200 : 0)); // one 200 ms stall (e.g. a GC pause)
  const firings: number[][] = [];
  let current: number[] = [];
  const start = sim.now();
  let lastFire = -1n;
  const stop = sim.clock.subscribe((tick, deadline) => {
    if (sim.now() !== lastFire) {
      current = [];
      firings.push(current);
      lastFire = sim.now();
    }
    current.push(tick);
    assert.equal(deadline, start + BigInt(tick) * 20n * MS);
  });
  sim.run(() => firings.length > 40);
  stop();
  assert.ok(Math.max(...firings.map((f) => f.length)) <= 3, 'no burst beyond the bound');
  assert.ok(sim.clock.stats.skipped >= 7, `skipped ${sim.clock.stats.skipped}`);
  const last = firings[firings.length - 1]!;
  assert.equal(last.length, 1, 'back to one tick per wake-up');
});

test('real hrtime clock: ticks arrive and subscribers are isolated from each other\'s errors', async () => {
  const clock = new PacingClock();
  let good = 0;
  const stopBad = clock.subscribe(() => {
    throw new Error('listener bug');
  });
  await new Promise<void>((resolve) => {
    const stop = clock.subscribe(() => {
      if (++good === 5) {
        stop();
        resolve();
      }
    });
  });
  stopBad();
  assert.equal(good, 5);
  assert.equal(clock.running, false);
});

test('in a slot, phase-0 (send) listeners all run before any phase-1 (receive) listener of the same tick', () => {
  const sim = simulatedClock(() => 0);
  const order: string[] = [];
  const stops = [
    sim.clock.subscribe((tick) => order.push(`r${tick}a`), 1, 0),
    sim.clock.subscribe((tick) => order.push(`s${tick}a`), 0, 0),
    sim.clock.subscribe((tick) => order.push(`r${tick}b`), 1, 0),
    sim.clock.subscribe((tick) => order.push(`s${tick}b`), 0, 0),
  ];
  sim.run(() => order.length >= 12);
  stops.forEach((stop) => stop());
  // Tick 0 ran inside the first subscribe(), before the others joined; from tick 1 on all four run.
  assert.deepEqual(order.filter((entry) => /^[sr][12]/.test(entry)), ['s1a', 's1b', 'r1a', 'r1b', 's2a', 's2b', 'r2a', 'r2b']);
  assert.equal(sim.clock.running, false);
});

test('sessions spread over the 20 slots: each keeps exactly 20 ms between its sends, ~1/20 of them per wake-up', () => {
  const sim = simulatedClock(() => 0, { slotCapacity: 5 });
  const start = sim.now();
  const sends = new Map<number, bigint[]>();
  const perWakeup = new Map<bigint, number>();
  const stops = Array.from({ length: 100 }, (_, session) => {
    sends.set(session, []);
    return sim.clock.subscribe(() => {
      sends.get(session)!.push(sim.now());
      perWakeup.set(sim.now(), (perWakeup.get(sim.now()) ?? 0) + 1);
    });
  });
  sim.run(() => sim.now() - start > 1000n * MS);
  stops.forEach((stop) => stop());
  const offsets = new Map<bigint, number>();
  for (const times of sends.values()) {
    const steady = times.slice(2); // the first period is still being joined
    assert.ok(steady.length >= 45);
    for (let i = 1; i < steady.length; i++) assert.equal(steady[i]! - steady[i - 1]!, 20n * MS, 'a fixed 20 ms spacing');
    const offset = (steady[0]! - start) % (20n * MS);
    offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
  }
  assert.equal(offsets.size, 20, 'every 1 ms slot used');
  assert.deepEqual(new Set(offsets.values()), new Set([5]), '100 sessions, 5 per slot');
  for (const offset of offsets.keys()) assert.equal(offset % MS, 0n, 'on the 1 ms grid');
  assert.ok(Math.max(...perWakeup.values()) <= 5, 'no wake-up sends for more than one slot');
  assert.equal(sim.hasTimer(), false);
});

test('few sessions share one slot (one wake-up per period); further slots open evenly spaced', () => {
  const sim = simulatedClock(() => 0, { slotCapacity: 10 });
  const start = sim.now();
  const offsets = new Set<bigint>();
  const stops = Array.from({ length: 10 }, () => sim.clock.subscribe(() => offsets.add((sim.now() - start) % (20n * MS))));
  sim.run(() => sim.now() - start >= 200n * MS);
  assert.deepEqual([...offsets], [0n], 'ten sessions, one slot');
  const wakeups = sim.wakeups();
  sim.run(() => sim.now() - start >= 400n * MS);
  assert.equal(sim.wakeups() - wakeups, 10, 'one wake-up per 20 ms');
  const more = Array.from({ length: 30 }, () => sim.clock.subscribe(() => offsets.add((sim.now() - start) % (20n * MS))));
  sim.run(() => sim.now() - start >= 600n * MS);
  [...stops, ...more].forEach((stop) => stop());
  assert.deepEqual([...offsets].sort((a, b) => Number(a - b)), [0n, 5n * MS, 10n * MS, 15n * MS], 'the next slots open at 10, 5 and 15 ms');
});

test('a new subscriber joins the least loaded slot; both phases of one session can share a slot', () => {
  const clock = new PacingClock({ slots: 4, slotCapacity: 2, now: () => 0n, setTimer: () => undefined });
  const stops = [0, 1, 2, 3, 4, 5, 6, 7].map(() => clock.subscribe(() => undefined)); // two per slot
  stops[2]!(); // the first listener of the second slot to open (slot 2) leaves
  const slot = clock.pickSlot();
  assert.equal(slot, 2);
  clock.subscribe(() => undefined, 0, slot);
  clock.subscribe(() => undefined, 1, slot); // one session, two phases: slot 2 is now the fullest
  assert.notEqual(clock.pickSlot(), 2);
  assert.throws(() => clock.subscribe(() => undefined, 0, 4), RangeError);
});
