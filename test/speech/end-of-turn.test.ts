// Adaptive end of turn through the real Listener -> energy VAD -> pocketsphinx path: a complete answer
// ends at a short pause with the words the full silence would have given; a caller who goes on after
// the pause is heard whole (the utterance so far is replayed into a new recognition session).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Listener } from '../../src/speech/listener.js';
import { AdaptiveEndOfTurn, type EndOfTurnStrategy } from '../../src/speech/turn/end-of-turn.js';
import { FrameSource, feedFrames } from '../../src/speech/eval/feed.js';
import type { RecognitionContext } from '../../src/speech/types.js';
import { concat, corpusSamples, silence, testStack } from './helpers.js';

let stack: Awaited<ReturnType<typeof testStack>>;
before(async () => {
  stack = await testStack();
});
after(async () => {
  await stack?.close();
});

async function turn(audio: Int16Array, context: RecognitionContext, endOfTurn?: EndOfTurnStrategy, endSilenceMs = 1000) {
  const source = new FrameSource();
  const listener = new Listener(source, stack.stt, stack.vadFactory);
  let frames = 0;
  let endedAtFrame = -1;
  source.on('audio', () => frames++);
  listener.on('speech-end', () => (endedAtFrame = frames));
  const result = listener.listen({ context, noInputTimeoutMs: 20_000, endSilenceMs, endOfTurn });
  await feedFrames(source, audio, { realtime: true, trailingSilenceMs: 0, until: result });
  const outcome = await result;
  assert.equal(outcome.kind, 'speech');
  return { outcome: outcome as Extract<typeof outcome, { kind: 'speech' }>, endedAtFrame };
}

test('a complete yes/no answer ends at a short pause, with the words the full silence gives', async () => {
  const audio = concat(corpusSamples('yesno-081.wav'), silence(2000));
  const full = await turn(audio, { kind: 'yesNo' });
  const early = await turn(audio, { kind: 'yesNo' }, new AdaptiveEndOfTurn(() => true));
  assert.equal(early.outcome.result.text, full.outcome.result.text);
  assert.equal(early.outcome.early, true);
  assert.equal(full.outcome.early, undefined);
  assert.ok(early.endedAtFrame < full.endedAtFrame, `early end at frame ${early.endedAtFrame}, full silence at ${full.endedAtFrame}`);
});

test('a caller who goes on after a pause the strategy finds incomplete is heard whole', async () => {
  // The files' own leading and trailing silence make the pause between the sentences (< 2 s).
  const audio = concat(corpusSamples('request-117.wav'), corpusSamples('request-118.wav'), silence(3000));
  const offered: string[] = [];
  const { outcome } = await turn(audio, { kind: 'free' }, new AdaptiveEndOfTurn(({ text }) => (offered.push(text), false)), 2500);
  assert.ok(offered.length >= 1, 'the pause between the sentences was offered to the strategy');
  assert.match(outcome.result.text, /internet/);
  assert.match(outcome.result.text, /router/);
  assert.notEqual(outcome.early, true);
});
