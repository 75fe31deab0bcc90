import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWav, encodeWav, readWav, WavError } from './wav.js';

test('PCM16 round trip', () => {
  const samples = Int16Array.from({ length: 100 }, (_, i) => (i - 50) * 300);
  const back = decodeWav(encodeWav({ samples, sampleRate: 16000 }));
  assert.equal(back.sampleRate, 16000);
  assert.deepEqual(Array.from(back.samples), Array.from(samples));
});

test('reads the corpus µ-law WAV with its fact chunk', () => {
  const pcm = readWav('../shared/eval/speech-dev/passcode-001.wav');
  assert.equal(pcm.sampleRate, 8000);
  assert.ok(pcm.samples.length > 8000);
});

test('garbage is a WavError, not a crash', () => {
  assert.throws(() => decodeWav(Buffer.from('hello world, not a wav')), WavError);
  assert.throws(() => decodeWav(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), WavError);
});
