// Play queue: frames in order across prompts and rates, never waiting on a slow source, barge-in,
// failing sources and end of call each resolve play() with the right outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { PlayQueue } from './play-queue.js';
import type { PcmChunk } from './pcm.js';
import { rootLogger } from '../log.js';

const log = rootLogger.child({}, { level: 'silent' });
const constant = (value: number, n: number, sampleRate = 8000): PcmChunk => ({ samples: new Int16Array(n).fill(value), sampleRate });
async function* chunks(...items: PcmChunk[]) {
  yield* items;
}
const settle = async () => {
  for (let i = 0; i < 10; i++) await tick();
};

test('prompts play back to back in 160-sample frames, resampled to the queue rate', async () => {
  const queue = new PlayQueue(8000, log);
  const first = queue.enqueue(chunks(constant(100, 200)));
  const second = queue.enqueue(chunks(constant(200, 3 * 480, 24000)));
  await settle();
  const a = queue.take(160)!;
  const b = queue.take(160)!;
  assert.ok(a.every((s) => s === 100));
  assert.ok(b.subarray(0, 40).every((s) => s === 100), 'rest of the first prompt');
  assert.ok(Math.abs(b[100]! - 200) <= 2, 'second prompt follows in the same frame (resampled 24 → 8 kHz)');
  assert.equal(await first, 'finished');
  while (queue.take(160)) if (!queue.isPlaying) break;
  assert.equal(await second, 'finished');
  assert.equal(queue.take(160), undefined, 'nothing left: silence');
});

test('a slow source never blocks take(): silence until its audio arrives', async () => {
  const queue = new PlayQueue(8000, log);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const outcome = queue.enqueue((async function* () {
    await gate;
    yield constant(7, 320);
  })());
  await settle();
  assert.equal(queue.take(160), undefined);
  assert.equal(queue.isPlaying, true);
  release();
  await settle();
  assert.equal(queue.take(160)![0], 7);
  assert.equal(queue.take(160)![0], 7);
  assert.equal(await outcome, 'finished');
});

test('stop() is barge-in: interruptible items resolve stopped at once, others keep playing', async () => {
  const queue = new PlayQueue(8000, log);
  let cleanedUp = false;
  const endless = queue.enqueue((async function* () {
    try {
      for (;;) yield constant(1, 160);
    } finally {
      cleanedUp = true;
    }
  })());
  const kept = queue.enqueue(chunks(constant(9, 160)), { interruptible: false });
  await settle();
  queue.take(160);
  queue.stop();
  assert.equal(await endless, 'stopped');
  await settle();
  assert.equal(cleanedUp, true, 'the generator was returned');
  assert.equal(queue.take(160)![0], 9);
  assert.equal(await kept, 'finished');
});

test('a failing or malformed source ends as finished and the next prompt plays', async () => {
  const queue = new PlayQueue(8000, log);
  const failing = queue.enqueue((async function* () {
    yield constant(3, 160);
    throw new Error('TTS connection reset');
  })());
  const malformed = queue.enqueue((async function* () {
    yield { samples: [1, 2, 3], sampleRate: 8000 } as unknown as PcmChunk;
  })());
  const good = queue.enqueue(chunks(constant(5, 160)));
  await settle();
  assert.equal(queue.take(160)![0], 3);
  await settle();
  assert.equal(await failing, 'finished');
  assert.equal(queue.take(160)![0], 5);
  assert.equal(await malformed, 'finished');
  assert.equal(await good, 'finished');
  assert.equal(await queue.enqueue(42 as never), 'finished', 'not iterable at all');
});

test('close() resolves everything with hangup, and later plays at once', async () => {
  const queue = new PlayQueue(8000, log);
  const pending = queue.enqueue(chunks(constant(1, 16000)));
  queue.close();
  assert.equal(await pending, 'hangup');
  assert.equal(await queue.enqueue(chunks(constant(1, 160))), 'hangup');
});
