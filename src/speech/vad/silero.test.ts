// Silero VAD on the real model (onnxruntime-node + the packaged v5 weights): DEV corpus speech is
// found after its lead silence, silence and non-speech sounds that fool the energy VAD are not, and a
// model that cannot load falls back to energy decisions, logged once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { readWav } from '../../media/wav.js';
import { loadCorpus } from '../eval/corpus.js';
import { parseConfig } from '../../config/load.js';
import { vadProviders } from '../index.js';
import type { VAD, VadEvent } from '../types.js';
import { EnergyVad } from './energy.js';
import { SileroVad } from './silero.js';
import { SileroRuntime, bundledSileroModel } from './silero-runtime.js';

const CORPUS_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'eval', 'speech-dev');

function run(vad: VAD, samples: Int16Array, trailingMs = 1500): VadEvent[] {
  const events: VadEvent[] = [];
  for (let offset = 0; offset < samples.length + trailingMs * 8; offset += 160) {
    const frame = new Int16Array(160);
    if (offset < samples.length) frame.set(samples.subarray(offset, offset + 160));
    events.push(...vad.process({ samples: frame, sampleRate: 8000 }));
  }
  return events;
}

test('DEV corpus speech (every kind, clean and noisy) starts after the lead silence and ends before the file does', () => {
  const runtime = SileroRuntime.for(bundledSileroModel());
  const items = loadCorpus(CORPUS_DIR).filter((_, i) => i % 10 === 0);
  assert.ok(items.some((item) => item.cond !== 'clean'));
  for (const item of items) {
    const samples = readWav(item.path).samples;
    const events = run(new SileroVad(runtime), samples);
    const starts = events.filter((e) => e.type === 'speech-start');
    const ends = events.filter((e) => e.type === 'speech-end');
    assert.ok(starts.length >= 1 && ends.length === starts.length, `${item.file}: ${JSON.stringify(events)}`);
    // Every file has at least 0.3 s of silence at each end.
    assert.ok(starts[0]!.atMs >= 250, `${item.file} started at ${starts[0]!.atMs} ms`);
    assert.ok(ends.at(-1)!.atMs <= samples.length / 8, `${item.file} ended at ${ends.at(-1)!.atMs} ms`);
  }
  assert.equal(runtime.failed, false, runtime.failure);
});

test('silence, beeps, DTMF, noise bursts and hum are not speech (the energy VAD takes each for speech)', () => {
  const runtime = SileroRuntime.for(bundledSileroModel());
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 2;
  const tone = (hz: number, n: number) => Math.sin((2 * Math.PI * hz * n) / 8000);
  const sounds: Record<string, (n: number) => number> = {
    beeps: (n) => (Math.floor(n / 2400) % 2 === 0 ? 6000 * tone(1000, n) : 0) + 15 * noise(),
    dtmf: (n) => (Math.floor(n / 800) % 2 === 0 ? 3000 * (tone(697, n) + tone(1209, n)) : 0) + 15 * noise(),
    noiseBursts: (n) => (Math.floor(n / 3200) % 2 === 0 ? 2000 : 50) * noise(),
    hum: (n) => 3000 * tone(120, n) * (0.6 + 0.4 * tone(3, n)),
  };
  assert.deepEqual(run(new SileroVad(runtime), new Int16Array(3 * 8000)), []);
  for (const [name, sound] of Object.entries(sounds)) {
    const samples = Int16Array.from({ length: 4 * 8000 }, (_, n) => Math.round(sound(n)));
    assert.deepEqual(run(new SileroVad(runtime), samples), [], name);
    assert.ok(run(new EnergyVad(), samples).some((e) => e.type === 'speech-start'), `energy on ${name}`);
  }
});

test('a model that cannot load: speech is still found by energy, the factory hands out energy VADs, one warning', async () => {
  const lines: string[] = [];
  const logger = pino({}, new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) }));
  const speech = parseConfig({ speech: { vad: 'silero', sileroModel: join(import.meta.dirname, 'no-such-model.onnx') } }, 'test', {}).speech;
  const factory = vadProviders.silero!(speech, { dataDir: '.', logger });
  const first = factory();
  assert.equal(first.name, 'silero');
  // The failure is found on the model thread; a VAD made before it learns so on its next window.
  const samples = readWav(join(CORPUS_DIR, 'request-120.wav')).samples;
  const events = run(first, samples);
  assert.deepEqual(events.map((e) => e.type), ['speech-start', 'speech-end']);
  const warned = () => lines.some((line) => line.includes('Silero VAD unavailable'));
  for (let waited = 0; !warned() && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(factory().name, 'energy');
  assert.deepEqual(run(factory(), samples).map((e) => e.type), ['speech-start', 'speech-end']);
  const warnings = lines.filter((line) => line.includes('Silero VAD unavailable'));
  assert.equal(warnings.length, 1, lines.join(''));
  assert.match(warnings[0]!, /energy VAD/);
});
