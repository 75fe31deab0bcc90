// Deepgram live streaming STT against the local fake (embedded recognizer inside): the listen query,
// µ-law frames, endpointing final, Finalize on end(), a refused key, a dropped stream, bad audio.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDeepgramFake, type DeepgramFake } from '../fakes/deepgram.js';
import { DeepgramSTT } from '../../src/speech/stt/deepgram.js';
import { deepgramSchema } from '../../src/config/cloud.js';
import { decodeWav } from '../../src/media/wav.js';
import type { RecognitionResult, SttSession } from '../../src/speech/types.js';

const CORPUS = new URL('../../../shared/eval/speech-dev/', import.meta.url);
const audio = (file: string) => decodeWav(readFileSync(new URL(file, CORPUS))).samples;
let fake: DeepgramFake;
const stt = (key = 'dg-test-key') => new DeepgramSTT(deepgramSchema.parse({}), { DEEPGRAM_API_KEY: key, DEEPGRAM_URL: fake.url });

function recognize(session: SttSession, samples: Int16Array, options: { silenceMs?: number; end?: boolean } = {}): Promise<RecognitionResult> {
  const result = new Promise<RecognitionResult>((resolve, reject) => {
    session.once('final', resolve);
    session.once('error', reject);
  });
  const all = new Int16Array(samples.length + (options.silenceMs ?? 0) * 8);
  all.set(samples);
  for (let i = 0; i + 160 <= all.length; i += 160) session.write({ samples: all.subarray(i, i + 160), sampleRate: 8000 });
  if (options.end !== false) session.end();
  return result;
}

before(async () => {
  fake = await startDeepgramFake();
});
after(() => fake.close());

test('a passcode turn: the listen query, 160-byte µ-law frames, Finalize on end(), smart-formatted final', async () => {
  fake.setContext({ kind: 'digits', length: 4 });
  const recognizer = stt();
  const result = await recognize(recognizer.open({ kind: 'digits', length: 4 }), audio('passcode-013.wav'));
  assert.match(result.text, /(^|\s)0276$/);
  const stream = fake.streams.at(-1)!;
  assert.deepEqual(stream.query, {
    model: 'nova-3', language: 'en', encoding: 'mulaw', sample_rate: '8000', channels: '1', interim_results: 'true',
    endpointing: '500', utterance_end_ms: '1000', smart_format: 'true', punctuate: 'true',
  });
  assert.ok(stream.frameSizes.every((size) => size === 160));
  for (let i = 0; i < 20 && stream.received.length < 2; i++) await new Promise((r) => setTimeout(r, 50)); // CloseStream is in flight
  assert.deepEqual(stream.received.map((text) => JSON.parse(text).type), ['Finalize', 'CloseStream']);
});

test('endpointing gives the final without end()', async () => {
  fake.setContext({ kind: 'free' });
  const result = await recognize(stt().open({ kind: 'free' }), audio('request-152.wav'), { silenceMs: 1500, end: false });
  assert.equal(result.text, "i'd like to speak to a person please");
  assert.equal(fake.streams.at(-1)!.query.endpointing, '900');
});

test('refused key, dropped stream and undecodable audio error the session clearly', async () => {
  fake.setContext({ kind: 'yesNo' });
  await assert.rejects(recognize(stt('wrong').open({ kind: 'yesNo' }), audio('yesno-081.wav')), /HTTP 401 Invalid credentials/);
  fake.inject({ kind: 'drop', afterFrames: 5 });
  await assert.rejects(recognize(stt().open({ kind: 'yesNo' }), audio('yesno-081.wav')), /closed the stream before the final result \(1006\)/);
  fake.inject({ kind: 'bad-audio', afterFrames: 5 });
  await assert.rejects(recognize(stt().open({ kind: 'yesNo' }), audio('yesno-081.wav')), /\(1002 DATA-0000\)/);
  assert.equal((await recognize(stt().open({ kind: 'yesNo' }), audio('yesno-081.wav'))).text, 'no');
  assert.throws(() => new DeepgramSTT(deepgramSchema.parse({}), {}), /DEEPGRAM_API_KEY/);
});
