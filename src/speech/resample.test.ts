// 2:1 rate changers: level kept in band, images and aliases removed, odd rates converted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Downsampler2x, Upsampler2x, toTelephoneRate } from './resample.js';

function tone(frequency: number, rate: number, seconds: number, amplitude = 10000): Int16Array {
  return Int16Array.from({ length: rate * seconds }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / rate)));
}
function rms(samples: Int16Array, skip = 200): number {
  let sum = 0;
  for (let i = skip; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / (samples.length - skip));
}

test('upsampling keeps a 1 kHz tone at its level and doubles the length, frame by frame', () => {
  const input = tone(1000, 8000, 1);
  const up = new Upsampler2x();
  const parts: Int16Array[] = [];
  for (let i = 0; i < input.length; i += 160) parts.push(up.process(input.subarray(i, i + 160)));
  const out = Int16Array.from(parts.flatMap((p) => [...p]));
  assert.equal(out.length, 16000);
  assert.ok(Math.abs(rms(out, 400) / rms(input) - 1) < 0.05);
});

test('downsampling passes 1 kHz and removes a 6 kHz tone (no aliasing into the telephone band)', () => {
  const pass = new Downsampler2x().process(tone(1000, 16000, 1));
  const stop = new Downsampler2x().process(tone(6000, 16000, 1));
  assert.equal(pass.length, 8000);
  assert.ok(rms(pass) > 6000);
  assert.ok(rms(stop) < 300, `6 kHz leaked at rms ${rms(stop)}`);
});

test('toTelephoneRate leaves 8 kHz alone and converts other rates', () => {
  const same = tone(500, 8000, 0.1);
  assert.equal(toTelephoneRate(same, 8000), same);
  assert.equal(toTelephoneRate(tone(500, 22050, 1), 22050).length, 8000);
});

test('the polyphase upsampler gives exactly the direct-form filter output, whatever the chunk sizes', () => {
  // The direct form it replaced (the recognizer's cmninit and passcode figures were measured on it).
  const taps = 128;
  const kernel = (() => {
    const h = new Float64Array(taps);
    const besselI0 = (x: number) => {
      let sum = 1;
      let term = 1;
      for (let k = 1; k < 30; k++) sum += term *= (x / (2 * k)) ** 2;
      return sum;
    };
    let total = 0;
    for (let i = 0; i < taps; i++) {
      const t = i - (taps - 1) / 2;
      const cutoff = 3900 / 16000;
      const r = (2 * i) / (taps - 1) - 1;
      h[i] = (t === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t)) * (besselI0(8 * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(8));
      total += h[i]!;
    }
    return h.map((v) => v / total);
  })();
  const direct = (input: Int16Array) => {
    const out = new Int16Array(input.length * 2);
    for (let n = 0; n < input.length; n++) {
      for (let phase = 0; phase < 2; phase++) {
        let acc = 0;
        for (let k = 0; k < taps / 2; k++) acc += kernel[2 * k + phase]! * (n - k >= 0 ? input[n - k]! : 0);
        out[2 * n + phase] = Math.max(-32768, Math.min(32767, Math.round(acc * 2)));
      }
    }
    return out;
  };
  let seed = 7;
  const noise = Int16Array.from({ length: 4000 }, () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 65536) - 32768);
  const up = new Upsampler2x();
  const parts: Int16Array[] = [];
  for (let i = 0, size = 1; i < noise.length; i += size, size = (size * 7) % 997 + 1) parts.push(up.process(noise.subarray(i, i + size)));
  assert.deepEqual(Int16Array.from(parts.flatMap((p) => [...p])), direct(noise));
});
