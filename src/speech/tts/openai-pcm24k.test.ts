// The 24 kHz → 8 kHz converter: telephone-band tones pass, tones above 4 kHz do not fold back, and
// odd byte splits across chunks change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pcm24kTo8k } from './openai-pcm24k.js';

function tone(hz: number, seconds: number): Buffer {
  const bytes = Buffer.alloc(24000 * seconds * 2);
  for (let i = 0; i < 24000 * seconds; i++) bytes.writeInt16LE(Math.round(10000 * Math.sin((2 * Math.PI * hz * i) / 24000)), i * 2);
  return bytes;
}
const rms = (samples: Int16Array) => Math.sqrt(samples.slice(200).reduce((sum, s) => sum + s * s, 0) / (samples.length - 200));

test('1 kHz passes at full level, 6 kHz is suppressed instead of aliasing to 2 kHz', () => {
  const pass = new Pcm24kTo8k().push(tone(1000, 1));
  assert.equal(pass.length, 8000);
  assert.ok(Math.abs(rms(pass) - 10000 / Math.SQRT2) < 400, `1 kHz rms ${rms(pass)}`);
  const stop = new Pcm24kTo8k().push(tone(6000, 1));
  assert.ok(rms(stop) < 100, `6 kHz rms ${rms(stop)}`);
});

test('chunk boundaries (even odd byte splits) give the same output as one buffer', () => {
  const input = tone(440, 1);
  const whole = new Pcm24kTo8k().push(input);
  const converter = new Pcm24kTo8k();
  const pieces: Int16Array[] = [];
  for (let offset = 0; offset < input.length; offset += 999) pieces.push(converter.push(input.subarray(offset, offset + 999)));
  const joined = Int16Array.from(pieces.flatMap((piece) => Array.from(piece)));
  assert.deepEqual(joined, whole);
});
