// The worker-backed timer: fires once, never before its deadline; a later set replaces a pending one;
// clear cancels; a chain of deadlines one interval apart (the pacer's steady case, where the worker's
// speculation is confirmed instead of re-published) fires every one of them, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PreciseTimer } from './precise-timer.js';

const MS = 1_000_000n;
const now = (): bigint => process.hrtime.bigint();

test('fires once, not before its deadline', async () => {
  const timer = new PreciseTimer();
  const deadline = now() + 3n * MS;
  const firedAt = await new Promise<bigint>((resolve) => timer.setAt(() => resolve(now()), deadline));
  assert.ok(firedAt >= deadline);
  timer.clear();
});

test('a later set replaces the pending one, and clear cancels', async () => {
  const timer = new PreciseTimer();
  const fired: string[] = [];
  timer.setAt(() => fired.push('first'), now() + 2n * MS);
  await new Promise<void>((resolve) => timer.setAt(() => (fired.push('second'), resolve()), now() + 4n * MS));
  timer.setAt(() => fired.push('cancelled'), now() + 2n * MS);
  timer.clear();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(fired, ['second']);
});

test('a chain of deadlines one interval apart fires each, in order, none early', async () => {
  const interval = MS;
  const timer = new PreciseTimer(interval);
  const start = now() + 2n * MS;
  const late: bigint[] = [];
  await new Promise<void>((resolve) => {
    const step = (i: number): void => {
      const deadline = start + BigInt(i) * interval;
      timer.setAt(() => {
        late.push(now() - deadline);
        if (i === 49) resolve();
        else step(i + 1);
      }, deadline);
    };
    step(0);
  });
  assert.equal(late.length, 50);
  assert.ok(late.every((ns) => ns >= 0n), 'never early');
  timer.clear();
});
