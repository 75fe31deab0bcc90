// Call isolation in the recognizer: what PocketSphinx adapts to a caller (the cepstral mean) is kept per
// call's speech channel. A loud, differently filtered caller speaking at the same time must not change
// what another call recognizes, nor how a new call starts; a call's own earlier turns do shape its later ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CALL_SAMPLE_RATE, FRAME_SAMPLES } from '../../src/media/pcm.js';
import { createSpeechChannel, type RecognitionContext, type RecognitionResult, type SpeechChannel } from '../../src/speech/types.js';
import { corpusSamples, testStack } from './helpers.js';

let stack: Awaited<ReturnType<typeof testStack>>;
before(async () => {
  stack = await testStack({ workers: 2 });
});
after(async () => {
  await stack?.close();
});

const DIGITS: RecognitionContext = { kind: 'digits', length: 4 };
const YES_NO: RecognitionContext = { kind: 'yesNo' };
const FIRST_TURN = corpusSamples('passcode-013.wav');
const LATER_TURN = corpusSamples('yesno-064.wav');

/** Another line and another voice level: 4x louder and tilted towards the treble, clipped like a hot line. */
function shiftedChannel(samples: Int16Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const tilted = samples[i]! - 0.8 * (samples[i - 1] ?? 0);
    out[i] = Math.max(-32768, Math.min(32767, Math.round(4 * tilted)));
  }
  return out;
}

function recognize(context: RecognitionContext, samples: Int16Array, channel: SpeechChannel): Promise<RecognitionResult> {
  const session = stack.stt.open(context, { channel });
  const final = new Promise<RecognitionResult>((resolve, reject) => {
    session.once('final', resolve);
    session.once('error', reject);
  });
  for (let offset = 0; offset < samples.length; offset += FRAME_SAMPLES) {
    session.write({ samples: samples.slice(offset, offset + FRAME_SAMPLES), sampleRate: CALL_SAMPLE_RATE });
  }
  session.end();
  return final;
}

test('a loud caller on another line changes neither a concurrent call nor the start of a new call', async () => {
  const newCallFirst = await recognize(YES_NO, LATER_TURN, createSpeechChannel());
  const quiet = createSpeechChannel();
  await recognize(DIGITS, FIRST_TURN, quiet);
  const undisturbed = await recognize(YES_NO, LATER_TURN, quiet);

  const caller = createSpeechChannel();
  const loud = createSpeechChannel();
  const loudTurn = shiftedChannel(FIRST_TURN);
  await Promise.all([recognize(DIGITS, FIRST_TURN, caller), recognize(DIGITS, loudTurn, loud)]);
  await recognize(DIGITS, loudTurn, loud);
  const [beside] = await Promise.all([recognize(YES_NO, LATER_TURN, caller), recognize(DIGITS, loudTurn, loud)]);
  assert.deepEqual(beside, undisturbed, 'the same call history gives the same recognition, whoever else is speaking');

  const afterLoud = await recognize(YES_NO, LATER_TURN, createSpeechChannel());
  assert.deepEqual(afterLoud, newCallFirst, 'a new call starts where every new call starts');
  // Not vacuous: on the loud caller's own channel its history does shape the same turn.
  assert.notDeepEqual(await recognize(YES_NO, LATER_TURN, loud), undisturbed);
});

test("a call's later turns start from what its earlier turns taught", async () => {
  const fresh = await recognize(YES_NO, LATER_TURN, createSpeechChannel());
  const call = createSpeechChannel();
  await recognize(DIGITS, shiftedChannel(FIRST_TURN), call);
  assert.notDeepEqual(await recognize(YES_NO, LATER_TURN, call), fresh);
});
