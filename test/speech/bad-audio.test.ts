// Bad audio never crashes the recognizer: all zeros, clipped full-scale noise, frames declaring the
// wrong sample rate and malformed frames give an empty (or no) result, and the next turn still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { PcmChunk } from '../../src/media/pcm.js';
import type { RecognitionContext, RecognitionResult } from '../../src/speech/types.js';
import { Listener } from '../../src/speech/listener.js';
import { FrameSource, feedFrames } from '../../src/speech/eval/feed.js';
import { corpusSamples, silence, testStack } from './helpers.js';

let stack: Awaited<ReturnType<typeof testStack>>;
before(async () => {
  stack = await testStack();
});
after(async () => {
  await stack?.close();
});

/** Writes frames straight into an STT session and returns its final. */
function recognize(frames: PcmChunk[], context: RecognitionContext = { kind: 'digits', length: 4 }): Promise<RecognitionResult> {
  const session = stack.stt.open(context);
  const final = new Promise<RecognitionResult>((resolve, reject) => {
    session.once('final', resolve);
    session.once('error', reject);
  });
  for (const frame of frames) session.write(frame);
  session.end();
  return final;
}

function framesOf(samples: Int16Array, sampleRate = 8000, size = 160): PcmChunk[] {
  const out: PcmChunk[] = [];
  for (let i = 0; i < samples.length; i += size) out.push({ samples: samples.subarray(i, i + size), sampleRate });
  return out;
}

test('all zeros: empty result for every context', async () => {
  for (const context of [{ kind: 'digits', length: 4 }, { kind: 'yesNo' }, { kind: 'free' }] as RecognitionContext[]) {
    assert.equal((await recognize(framesOf(silence(2000)), context)).text, '');
  }
});

test('no audio at all: empty result', async () => {
  assert.equal((await recognize([])).text, '');
});

test('clipped full-scale square wave: no crash, no digits invented', async () => {
  const clipped = Int16Array.from({ length: 16000 }, (_, i) => (Math.floor(i / 4) % 2 ? 32767 : -32768));
  const result = await recognize(framesOf(clipped));
  assert.equal(typeof result.text, 'string');
  assert.equal(result.text, '');
});

test('frames declaring a wrong rate are converted, malformed frames ignored', async () => {
  const junk = [
    { samples: silence(40), sampleRate: 44100 },
    { samples: silence(20), sampleRate: 0 },
    { samples: new Int16Array(0), sampleRate: 8000 },
    { samples: [1, 2, 3] as unknown as Int16Array, sampleRate: 8000 },
    undefined as unknown as PcmChunk,
  ];
  assert.equal((await recognize(junk)).text, '');
});

test('the Listener hears nothing in zeros and still recognizes the next turn', async () => {
  const source = new FrameSource();
  const listener = new Listener(source, stack.stt, stack.vadFactory);
  const quiet = listener.listen({ context: { kind: 'yesNo' }, noInputTimeoutMs: 2000 });
  await feedFrames(source, silence(2500), { realtime: false, trailingSilenceMs: 0, until: quiet });
  assert.deepEqual(await quiet, { kind: 'timeout' });
  const answer = listener.listen({ context: { kind: 'yesNo' }, noInputTimeoutMs: 10_000 });
  await feedFrames(source, corpusSamples('yesno-081.wav'), { realtime: false, trailingSilenceMs: 1500, until: answer });
  const result = await answer;
  assert.equal(result.kind, 'speech');
  assert.equal(result.kind === 'speech' && result.result.text, 'no');
});
