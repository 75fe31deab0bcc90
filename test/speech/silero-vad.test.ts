// The Silero VAD in the whole turn path (Listener -> SileroVad -> pocketsphinx), fed as fast as the
// event loop allows, as the eval harness does: answers are recognized, silence times out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Listener } from '../../src/speech/listener.js';
import { FrameSource, feedFrames } from '../../src/speech/eval/feed.js';
import { classifyYesNo } from '../../src/speech/eval/score.js';
import { concat, corpusItem, corpusSamples, silence, testStack } from './helpers.js';

let stack: Awaited<ReturnType<typeof testStack>>;
before(async () => {
  stack = await testStack({ vad: 'silero' });
});
after(async () => {
  await stack?.close();
});

async function turn(audio: Int16Array, noInputTimeoutMs = 10_000) {
  const source = new FrameSource();
  const listener = new Listener(source, stack.stt, stack.vadFactory);
  const result = listener.listen({ context: { kind: 'yesNo' }, noInputTimeoutMs });
  await feedFrames(source, audio, { realtime: false, trailingSilenceMs: 1500, until: result });
  return result;
}

test('the stack runs the Silero VAD', () => {
  assert.equal(stack.vadFactory().name, 'silero');
});

test('yes/no answers (clean and noisy) are heard and recognized through the Silero VAD', async () => {
  for (const file of ['yesno-081.wav', 'yesno-079.wav', 'yesno-063.wav']) {
    const result = await turn(concat(silence(1000), corpusSamples(file)));
    assert.equal(result.kind, 'speech', file);
    assert.ok(result.kind === 'speech' && result.speechEndedAt >= result.speechStartedAt);
    assert.equal(classifyYesNo(result.kind === 'speech' ? result.result.text : ''), corpusItem(file).expect.answer, file);
  }
});

test('silence only: the turn times out on audio time', async () => {
  assert.deepEqual(await turn(silence(6000), 5000), { kind: 'timeout' });
});
