// Endpointing through the real Listener -> energy VAD -> pocketsphinx path: long silences before,
// inside and after speech; a turn ends at the first long pause; silence alone times out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Listener } from '../../src/speech/listener.js';
import { FrameSource, feedFrames } from '../../src/speech/eval/feed.js';
import { concat, corpusSamples, silence, testStack } from './helpers.js';

let stack: Awaited<ReturnType<typeof testStack>>;
before(async () => {
  stack = await testStack();
});
after(async () => {
  await stack?.close();
});

async function turn(audio: Int16Array, options: { endSilenceMs?: number; noInputTimeoutMs?: number } = {}) {
  const source = new FrameSource();
  const listener = new Listener(source, stack.stt, stack.vadFactory);
  const ends: number[] = [];
  let frames = 0;
  source.on('audio', () => frames++);
  listener.on('speech-end', () => ends.push(frames));
  const result = listener.listen({ context: { kind: 'yesNo' }, noInputTimeoutMs: options.noInputTimeoutMs ?? 20_000, endSilenceMs: options.endSilenceMs });
  await feedFrames(source, audio, { realtime: false, trailingSilenceMs: 0, until: result });
  return { result: await result, ends, framesFed: frames };
}

test('3 s of silence before speech: the turn waits, then recognizes the answer', async () => {
  const { result } = await turn(concat(silence(3000), corpusSamples('yesno-081.wav'), silence(1500)));
  assert.equal(result.kind, 'speech');
  assert.ok(result.kind === 'speech' && result.speechEndedAt >= result.speechStartedAt);
});

test('a long pause ends the turn: the second utterance is not part of it', async () => {
  const first = corpusSamples('yesno-081.wav');
  const { result, ends } = await turn(concat(first, silence(4000), corpusSamples('yesno-082.wav'), silence(1500)), { endSilenceMs: 600 });
  assert.equal(result.kind, 'speech');
  assert.equal(ends.length, 1);
  // Ended within the pause: after the first utterance plus the end silence, before the second begins.
  assert.ok(ends[0]! * 160 > first.length - 8000 && ends[0]! * 160 < first.length + 4000 * 8, `ended at frame ${ends[0]}`);
});

test('silence only: the turn times out on audio time, with no recognition session', async () => {
  const { result } = await turn(silence(6000), { noInputTimeoutMs: 5000 });
  assert.deepEqual(result, { kind: 'timeout' });
});

test('an aborted turn resolves as aborted', async () => {
  const source = new FrameSource();
  const listener = new Listener(source, stack.stt, stack.vadFactory);
  const controller = new AbortController();
  const pending = listener.listen({ context: { kind: 'free' }, noInputTimeoutMs: 10_000, signal: controller.signal });
  controller.abort();
  assert.deepEqual(await pending, { kind: 'aborted' });
});
