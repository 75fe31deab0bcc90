// In-band DTMF: every digit is detected once from generated tones (with twist and added noise), short
// blips are ignored, and the whole speech corpus yields no false digit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { InbandDtmfDetector } from './goertzel.js';
import { dtmfTonePcm, dtmfFrequencies } from './tones.js';
import { decodeWav } from '../wav.js';
import { Resampler } from '../resample.js';

function detectAll(pcm: Int16Array): { digit: string; durationMs: number }[] {
  const detector = new InbandDtmfDetector();
  const found: { digit: string; durationMs: number }[] = [];
  const padded = new Int16Array(pcm.length + 480);
  padded.set(pcm);
  for (let i = 0; i + 160 <= padded.length; i += 160) {
    const digit = detector.process(padded.subarray(i, i + 160));
    if (digit) found.push(digit);
  }
  return found;
}

test('all 16 digits are detected exactly once, at the right duration', () => {
  const digits = '0123456789*#ABCD';
  const pcm = Int16Array.from([...digits].flatMap((d) => [...dtmfTonePcm(d, { toneMs: 100, gapMs: 60 })]));
  const found = detectAll(pcm);
  assert.equal(found.map((f) => f.digit).join(''), digits);
  assert.ok(found.every((f) => f.durationMs >= 80 && f.durationMs <= 120));
});

test('detection survives twist, low level, a frame-misaligned start and noise', () => {
  const [low, high] = dtmfFrequencies('7');
  const pcm = new Int16Array(8000);
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 300;
  for (let i = 0; i < pcm.length; i++) {
    const t = i / 8000;
    const tone = i >= 1234 && i < 1234 + 960 ? 1500 * Math.sin(2 * Math.PI * low * t) + 900 * Math.sin(2 * Math.PI * high * t) : 0;
    pcm[i] = Math.round(tone + noise());
  }
  assert.deepEqual(detectAll(pcm).map((f) => f.digit), ['7']);
});

test('a 20 ms blip and a single sine are not digits', () => {
  const blip = dtmfTonePcm('5', { toneMs: 20, gapMs: 100 });
  assert.deepEqual(detectAll(blip), []);
  const sine = Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 1209 * i) / 8000)));
  assert.deepEqual(detectAll(sine), []);
});

test('no false digits on the speech corpus', () => {
  const dir = '../shared/eval/speech-dev';
  const files = readdirSync(dir).filter((f) => f.endsWith('.wav'));
  assert.ok(files.length > 50);
  let frames = 0;
  for (const file of files) {
    const { samples, sampleRate } = decodeWav(readFileSync(`${dir}/${file}`));
    const pcm = sampleRate === 8000 ? samples : new Resampler(sampleRate, 8000).process(samples);
    frames += pcm.length / 160;
    assert.deepEqual(detectAll(pcm), [], `false digit in ${file}`);
  }
  assert.ok(frames > 10_000);
});
