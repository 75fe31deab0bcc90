import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PcmQueue } from './pcm-queue.js';

const frame = (v: number) => ({ samples: Int16Array.of(v), sampleRate: 8000 });

test('delivers pushed frames in order and ends after close', async () => {
  const queue = new PcmQueue();
  queue.push(frame(1));
  setImmediate(() => {
    queue.push(frame(2));
    queue.close();
  });
  const seen: number[] = [];
  for await (const f of queue) seen.push(f.samples[0]!);
  assert.deepEqual(seen, [1, 2]);
});

test('drops the oldest frames beyond its bound', async () => {
  const queue = new PcmQueue(2);
  [1, 2, 3].forEach((v) => queue.push(frame(v)));
  queue.close();
  const seen: number[] = [];
  for await (const f of queue) seen.push(f.samples[0]!);
  assert.deepEqual(seen, [2, 3]);
});
