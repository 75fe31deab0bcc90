// The shared pacer keeps an absolute schedule: tick n is due at start + n × 20 ms whatever the timer
// lateness, bursts after a stall are bounded, and the clock stops when nobody listens. Time is simulated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacingClock } from './clock.js';

const MS = 1_000_000n;

function simulatedClock(lateness: (wakeup: number) => number) {
  let now = 1_000_000_000n;
  let pending: { callback: () => void; delayMs: number } | undefined;
  let wakeups = 0;
  const clock = new PacingClock({
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
  return { clock, run, now: () => now, hasTimer: () => pending !== undefined };
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

test('phase-0 (send) listeners all run before any phase-1 (receive) listener of the same tick', () => {
  const sim = simulatedClock(() => 0);
  const order: string[] = [];
  const stops = [
    sim.clock.subscribe((tick) => order.push(`r${tick}a`), 1),
    sim.clock.subscribe((tick) => order.push(`s${tick}a`), 0),
    sim.clock.subscribe((tick) => order.push(`r${tick}b`), 1),
    sim.clock.subscribe((tick) => order.push(`s${tick}b`), 0),
  ];
  sim.run(() => order.length >= 12);
  stops.forEach((stop) => stop());
  // Tick 0 ran inside the first subscribe(), before the others joined; from tick 1 on all four run.
  assert.deepEqual(order.filter((entry) => /^[sr][12]/.test(entry)), ['s1a', 's1b', 'r1a', 'r1b', 's2a', 's2b', 'r2a', 'r2b']);
  assert.equal(sim.clock.running, false);
});
