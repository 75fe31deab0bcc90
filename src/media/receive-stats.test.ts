// RFC 3550 receive statistics: loss (cumulative and fraction), sequence wrap, jitter per A.8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReceiveStats } from './receive-stats.js';

test('loss, fraction lost and the extended sequence number across a wrap', () => {
  const stats = new ReceiveStats(8000);
  let seq = 65500;
  for (let i = 0; i < 100; i++, seq = (seq + 1) & 0xffff) if (i % 10 !== 3) stats.update(seq, i * 160, i * 20);
  assert.equal(stats.expected, 100);
  assert.equal(stats.lost, 10);
  const block = stats.reportBlock();
  assert.equal(block.fractionLost, Math.floor((10 * 256) / 100));
  assert.equal(block.extendedHighestSeq, 65536 + ((65500 + 99) & 0xffff));
  assert.equal(stats.reportBlock().fractionLost, 0, 'nothing new since the last report');
});

test('jitter is 0 for a perfectly paced stream and grows with arrival variation (A.8)', () => {
  const steady = new ReceiveStats(8000);
  for (let i = 0; i < 50; i++) steady.update(i, i * 160, 1000 + i * 20);
  assert.equal(steady.jitterMs, 0);
  const jittery = new ReceiveStats(8000);
  for (let i = 0; i < 500; i++) jittery.update(i, i * 160, 1000 + i * 20 + (i % 2 ? 4 : 0));
  // Alternating ±4 ms: |D| is always 4 ms, so J converges to 4 ms.
  assert.ok(Math.abs(jittery.jitterMs - 4) < 0.01, `jitter ${jittery.jitterMs}`);
});

test('a big sequence jump is confirmed by a second packet before the source is treated as restarted', () => {
  const stats = new ReceiveStats(8000);
  for (let i = 0; i < 10; i++) stats.update(i, i * 160, i * 20);
  assert.equal(stats.update(30000, 0, 300), false);
  assert.equal(stats.update(30001, 160, 320), true);
  assert.equal(stats.expected, 1);
  assert.equal(stats.lost, 0);
});
