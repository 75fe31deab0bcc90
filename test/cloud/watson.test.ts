// Watson streaming STT against the local fake (transcripts from the embedded recognizer on the audio
// sent): wire shape, end of phrase, end(), IAM token reuse/expiry/401, dropped socket, error frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startWatsonFake, type WatsonFake } from '../fakes/watson.js';
import { WatsonSTT, WatsonConfigError } from '../../src/speech/stt/watson.js';
import { watsonSchema } from '../../src/config/cloud.js';
import { decodeWav } from '../../src/media/wav.js';
import type { RecognitionContext, RecognitionResult, SttSession } from '../../src/speech/types.js';

const CORPUS = new URL('../../../shared/eval/speech-dev/', import.meta.url);
const audio = (file: string) => decodeWav(readFileSync(new URL(file, CORPUS))).samples;
let fake: WatsonFake;

function stt(overrides: Record<string, unknown> = {}, key = 'watson-test-key') {
  const config = watsonSchema.parse({ iamUrl: fake.iamUrl, ...overrides });
  return new WatsonSTT(config, { WATSON_SPEECH2TEXT_API_KEY: key, STT_INSTANCE_ID: 'fake', WATSON_STT_URL: fake.url });
}

/** Streams a file in 20 ms frames plus trailing silence; resolves with the final or rejects on error. */
function recognize(session: SttSession, samples: Int16Array, options: { silenceMs?: number; end?: boolean } = {}): Promise<RecognitionResult> {
  const result = new Promise<RecognitionResult>((resolve, reject) => {
    session.once('final', resolve);
    session.once('error', reject);
  });
  const all = new Int16Array(samples.length + ((options.silenceMs ?? 0) * 8));
  all.set(samples);
  for (let i = 0; i + 160 <= all.length; i += 160) session.write({ samples: all.subarray(i, i + 160), sampleRate: 8000 });
  if (options.end !== false) session.end();
  return result;
}

before(async () => {
  fake = await startWatsonFake({ tokenTtlSeconds: 3600 });
});
after(() => fake.close());

test('a passcode turn: µ-law frames of 160 bytes, start message per context, smart-formatted final', async () => {
  fake.setContext({ kind: 'digits', length: 4 });
  const recognizer = stt();
  const partials: string[] = [];
  const session = recognizer.open({ kind: 'digits', length: 4 });
  session.on('partial', (p) => partials.push(p.text));
  const result = await recognize(session, audio('passcode-013.wav'));
  assert.match(result.text, /(^|%HESITATION )0276$/);
  assert.ok(result.confidence > 0);
  assert.ok(partials.length >= 1, 'interim results arrive as partials');
  const wire = fake.sessions.at(-1)!;
  assert.equal(wire.auth, 'header');
  assert.equal(wire.model, 'en-US_Telephony');
  assert.deepEqual(wire.start, { action: 'start', 'content-type': 'audio/mulaw;rate=8000', interim_results: true, inactivity_timeout: -1, end_of_phrase_silence_time: 0.6, smart_formatting: true });
  assert.ok(wire.frameSizes.every((size) => size === 160));
  await recognizer.close();
});

test("Watson's end of phrase gives the final without end(); free context; the token is reused", async () => {
  fake.setContext({ kind: 'free' });
  const recognizer = stt();
  const issued = fake.tokensIssued;
  const context: RecognitionContext = { kind: 'free' };
  const result = await recognize(recognizer.open(context), audio('request-152.wav'), { silenceMs: 1500, end: false });
  assert.equal(result.text, "i'd like to speak to a person please");
  assert.equal(fake.sessions.at(-1)!.start.end_of_phrase_silence_time, 1.0);
  await recognize(recognizer.open(context), audio('request-149.wav'));
  assert.equal(fake.tokensIssued, issued + 1, 'one IAM token for both turns');
});

test('a dropped socket errors the session; the next turn reconnects and works', async () => {
  fake.setContext({ kind: 'yesNo' });
  const recognizer = stt();
  fake.inject({ kind: 'drop', afterFrames: 10 });
  await assert.rejects(recognize(recognizer.open({ kind: 'yesNo' }), audio('yesno-064.wav')), /closed before the final result/);
  const again = await recognize(recognizer.open({ kind: 'yesNo' }), audio('yesno-064.wav'));
  assert.equal(again.text, 'yes please');
  fake.inject({ kind: 'error', afterFrames: 5, message: 'Session timed out.' });
  await assert.rejects(recognize(recognizer.open({ kind: 'yesNo' }), audio('yesno-081.wav')), /Watson: Session timed out/);
});

test('token expiry mid-call: the 401 turn errors, the next gets a fresh token; bad keys are clear', async () => {
  fake.setContext({ kind: 'yesNo' });
  const recognizer = stt();
  await recognize(recognizer.open({ kind: 'yesNo' }), audio('yesno-081.wav'));
  const issued = fake.tokensIssued;
  fake.inject({ kind: 'expire-tokens' });
  await assert.rejects(recognize(recognizer.open({ kind: 'yesNo' }), audio('yesno-081.wav')), /HTTP 401/);
  const result = await recognize(recognizer.open({ kind: 'yesNo' }), audio('yesno-081.wav'));
  assert.equal(result.text, 'no');
  assert.equal(fake.tokensIssued, issued + 1);
  await assert.rejects(recognize(stt({}, 'wrong-key').open({ kind: 'yesNo' }), audio('yesno-081.wav')), /Provided API key could not be found/);
  assert.throws(() => new WatsonSTT(watsonSchema.parse({}), {}), WatsonConfigError);
});

test('close() abandons a turn without a result', async () => {
  const recognizer = stt();
  const session = recognizer.open({ kind: 'yesNo' });
  let events = 0;
  session.on('final', () => events++);
  session.on('error', () => events++);
  session.write({ samples: new Int16Array(160), sampleRate: 8000 });
  session.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(events, 0);
});
