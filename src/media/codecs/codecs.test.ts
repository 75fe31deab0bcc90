// G.722 and Opus round trips (SNR on a sine and on corpus speech, a 1 kHz tone survives) and the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createCodec, UnsupportedCodecError } from './index.js';
import { G722Decoder, G722Encoder } from './g722.js';
import { decodeWav } from '../wav.js';
import { Resampler } from '../resample.js';
import type { CodecSpec } from '../codec.js';

function sine(frequency: number, rate: number, n: number, amplitude = 10000): Int16Array {
  return Int16Array.from({ length: n }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / rate)));
}

/** Best SNR (dB) of `decoded` against `original` over codec delays up to `maxLag` samples. */
function snrDb(original: Int16Array, decoded: Int16Array, maxLag: number, skip = 400): number {
  let best = -Infinity;
  for (let lag = 0; lag <= maxLag; lag++) {
    let signal = 0;
    let noise = 0;
    for (let i = skip; i + lag < decoded.length && i < original.length - maxLag; i++) {
      signal += original[i]! ** 2;
      noise += (original[i]! - decoded[i + lag]!) ** 2;
    }
    best = Math.max(best, 10 * Math.log10(signal / noise));
  }
  return best;
}

function dominantFrequency(samples: Int16Array, rate: number): number {
  let best = { f: 0, p: -1 };
  for (let f = 100; f < rate / 2; f += 50) {
    const k = 2 * Math.cos((2 * Math.PI * f) / rate);
    let s1 = 0;
    let s2 = 0;
    for (const x of samples) [s1, s2] = [x + k * s1 - s2, s1];
    const p = s1 * s1 + s2 * s2 - k * s1 * s2;
    if (p > best.p) best = { f, p };
  }
  return best.f;
}

function roundTrip(spec: CodecSpec, pcm: Int16Array, frame: number): Int16Array {
  const codec = createCodec(spec);
  const parts: Int16Array[] = [];
  for (let i = 0; i + frame <= pcm.length; i += frame) parts.push(codec.decode(codec.encode(pcm.subarray(i, i + frame))));
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) out.set(part, (at += part.length) - part.length);
  return out;
}

const G722: CodecSpec = { name: 'G722', payloadType: 9, clockRate: 8000, channels: 1 };
const OPUS: CodecSpec = { name: 'opus', payloadType: 111, clockRate: 48000, channels: 2 };

function corpusSpeech16k(): Int16Array {
  const dir = '../shared/eval/speech-dev';
  const file = readdirSync(dir).filter((f) => f.endsWith('.wav')).sort()[0]!;
  const { samples, sampleRate } = decodeWav(readFileSync(`${dir}/${file}`));
  return new Resampler(sampleRate, 16000).process(samples);
}

test('G.722 round trip keeps a sine (SNR > 35 dB) and a 1 kHz tone stays at 1 kHz', () => {
  const tone = sine(1000, 16000, 16000);
  const decoded = roundTrip(G722, tone, 320);
  assert.equal(decoded.length, tone.length);
  assert.ok(snrDb(tone, decoded, 40) > 35, `SNR ${snrDb(tone, decoded, 40)}`);
  assert.equal(dominantFrequency(decoded.subarray(1600), 16000), 1000);
});

test('G.722 round trip of corpus speech keeps its waveform (SNR > 15 dB)', () => {
  const speech = corpusSpeech16k();
  const snr = snrDb(speech, roundTrip(G722, speech, 320), 40);
  assert.ok(snr > 15, `speech SNR ${snr}`);
});

test('G.722 high band carries a 6 kHz tone that G.711 could not', () => {
  const tone = sine(6000, 16000, 8000);
  const encoder = new G722Encoder();
  const decoded = new G722Decoder().decode(encoder.encode(tone));
  assert.equal(dominantFrequency(decoded.subarray(800), 16000), 6000);
  assert.equal(encoder.encode(new Int16Array(320)).length, 160, '64 kbit/s: one byte per two samples');
});

test('Opus round trip: 20 ms frames at 48 kHz, a 1 kHz tone survives, TOC duration is read', () => {
  const codec = createCodec(OPUS);
  assert.equal(codec.sampleRate, 48000);
  const tone = sine(1000, 48000, 48000);
  const decoded = roundTrip(OPUS, tone, 960);
  assert.equal(decoded.length, tone.length);
  assert.equal(dominantFrequency(decoded.subarray(4800, 9600), 48000), 1000);
  assert.equal(codec.durationTs(codec.encode(tone.subarray(0, 960))), 960);
  assert.throws(() => codec.decode(new Uint8Array(0)));
});

test('G.711 codecs via the registry, and concealment fades to silence', () => {
  const codec = createCodec({ name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 });
  const tone = sine(1000, 8000, 160);
  const decoded = codec.decode(codec.encode(tone));
  assert.ok(snrDb(tone, decoded, 0, 0) > 30);
  const first = codec.conceal(160);
  assert.ok(first.some((s) => s !== 0), 'first concealed frame replays the last audio');
  codec.conceal(160);
  codec.conceal(160);
  assert.ok(codec.conceal(160).every((s) => s === 0), 'long gaps become silence');
  assert.equal(createCodec({ name: 'PCMA', payloadType: 8, clockRate: 8000, channels: 1 }).durationTs(new Uint8Array(240)), 240);
});

test('an unknown codec is a clear error', () => {
  assert.throws(() => createCodec({ name: 'GSM' as never, payloadType: 3, clockRate: 8000, channels: 1 }), UnsupportedCodecError);
});
