// Leading-silence trim: flite's opening pause goes, the soft start of the first word stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ONSET_MARGIN_MS, trimLeadingSilence } from './trim.js';

const tone = (ms: number, amplitude: number) => Int16Array.from({ length: ms * 8 }, (_, i) => Math.round(amplitude * Math.sin(i / 3)));
const join = (...parts: Int16Array[]) => {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

test('the pause before the first word is cut, keeping a short margin before the onset', () => {
  const samples = join(tone(220, 40), tone(100, 3000));
  const trimmed = trimLeadingSilence({ samples, sampleRate: 8000 });
  assert.equal(trimmed.samples.length, samples.length - (220 - ONSET_MARGIN_MS) * 8);
  assert.equal(trimmed.sampleRate, 8000);
});

test('audio that starts with sound, or has none, plays unchanged', () => {
  const loud = { samples: tone(100, 3000), sampleRate: 8000 };
  assert.equal(trimLeadingSilence(loud), loud);
  const quiet = { samples: tone(100, 20), sampleRate: 8000 };
  assert.equal(trimLeadingSilence(quiet), quiet);
});
