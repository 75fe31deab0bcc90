// Streaming resampler: tones keep frequency and level across every supported rate pair, chunking is
// seamless, and out-of-band tones are rejected instead of aliasing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Resampler } from './resample.js';

const RATES = [8000, 16000, 24000, 44100, 48000];

function sine(frequency: number, rate: number, n: number): Int16Array {
  return Int16Array.from({ length: n }, (_, i) => Math.round(10000 * Math.sin((2 * Math.PI * frequency * i) / rate)));
}

function rms(samples: Int16Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / (to - from));
}

function tonePower(samples: Int16Array, rate: number, frequency: number): number {
  const k = 2 * Math.cos((2 * Math.PI * frequency) / rate);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) [s1, s2] = [x + k * s1 - s2, s1];
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

function inChunks(resampler: Resampler, input: Int16Array, size: number): Int16Array {
  const parts: Int16Array[] = [];
  for (let i = 0; i < input.length; i += size) parts.push(resampler.process(input.subarray(i, i + size)));
  parts.push(resampler.flush());
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

for (const from of RATES) {
  for (const to of RATES) {
    if (from === to) continue;
    test(`${from} → ${to}: a 1 kHz tone keeps its level, frequency and length`, () => {
      const out = inChunks(new Resampler(from, to), sine(1000, from, from), 317);
      assert.ok(Math.abs(out.length - to) <= 1, `length ${out.length}`);
      const level = rms(out, to / 10, to - to / 10);
      assert.ok(Math.abs(level - 7071) < 100, `rms ${level}`);
      const expected = sine(1000, to, to);
      // Same phase as an ideal tone at the new rate: the converter adds no delay.
      let error = 0;
      for (let i = to / 10; i < to - to / 10; i++) error += (out[i]! - expected[i]!) ** 2;
      assert.ok(Math.sqrt(error / (0.8 * to)) < 100, 'matches the ideal resampled tone');
    });
  }
}

test('downsampling rejects tones above the new Nyquist (no aliasing)', () => {
  for (const [from, frequency] of [[16000, 5000], [24000, 6000], [44100, 7000], [48000, 11000]] as const) {
    const out = inChunks(new Resampler(from, 8000), sine(frequency, from, from), 480);
    assert.ok(rms(out, 800, 7200) < 10, `${from} Hz, ${frequency} Hz tone leaked at rms ${rms(out, 800, 7200)}`);
  }
});

test('the passband survives downsampling: 3.3 kHz at 48 → 8 kHz', () => {
  const out = inChunks(new Resampler(48000, 8000), sine(3300, 48000, 48000), 960);
  assert.ok(rms(out, 800, 7200) > 6500);
  assert.ok(tonePower(out, 8000, 3300) > 100 * tonePower(out, 8000, 1000));
});

test('equal rates pass through untouched; bad rates are a RangeError', () => {
  const input = sine(440, 8000, 160);
  assert.equal(new Resampler(8000, 8000).process(input), input);
  assert.throws(() => new Resampler(0, 8000), RangeError);
  assert.throws(() => new Resampler(8000, 11025.5), RangeError);
});

test('chunk size does not change the output (stateful across chunks)', () => {
  const input = sine(700, 24000, 24000);
  const whole = inChunks(new Resampler(24000, 8000), input, 24000);
  const small = inChunks(new Resampler(24000, 8000), input, 7);
  assert.deepEqual(small, whole);
});
