// Energy VAD: onset and hangover timing, pauses, clicks, digital silence, noise adaptation, a VAD
// started mid-speech (DEV corpus), bad frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VadEvent } from '../types.js';
import { join } from 'node:path';
import { readWav } from '../../media/wav.js';
import { loadCorpus } from '../eval/corpus.js';
import { EnergyVad } from './energy.js';

const CORPUS_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'eval', 'speech-dev');

let seed = 7;
function noise(amplitude: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return (seed / 0x7fffffff - 0.5) * 2 * amplitude;
}
/** 20 ms frames: `speech` is a 300 Hz tone in 4 Hz syllables plus noise, `silence` is low noise. */
function frames(kind: 'silence' | 'speech' | 'zeros', ms: number, noiseAmplitude = 30): Int16Array[] {
  return Array.from({ length: ms / 20 }, (_, f) =>
    Int16Array.from({ length: 160 }, (_, i) =>
      kind === 'zeros' ? 0 : Math.round(noise(noiseAmplitude) + (kind === 'speech' ? syllable(f * 160 + i) : 0)),
    ),
  );
}
function syllable(n: number): number {
  const envelope = 0.55 + 0.45 * Math.sin((2 * Math.PI * 4 * n) / 8000);
  return 4000 * envelope * Math.sin((2 * Math.PI * 300 * n) / 8000);
}
function run(vad: EnergyVad, audio: Int16Array[]): VadEvent[] {
  return audio.flatMap((samples) => vad.process({ samples, sampleRate: 8000 }));
}

test('speech between silences gives one start at the onset and one end after the hangover', () => {
  const vad = new EnergyVad({ endSilenceMs: 600, minSpeechMs: 100 });
  const events = run(vad, [...frames('silence', 1000), ...frames('speech', 1500), ...frames('silence', 1000)]);
  assert.deepEqual(events.map((e) => e.type), ['speech-start', 'speech-end']);
  assert.equal(events[0]!.atMs, 1000);
  const end = events[1] as Extract<VadEvent, { type: 'speech-end' }>;
  assert.equal(end.atMs, 2500);
  assert.equal(end.speechMs, 1500);
});

test('pauses shorter than the end silence do not end the utterance', () => {
  const vad = new EnergyVad({ endSilenceMs: 700, minSpeechMs: 100 });
  const audio = [...frames('silence', 500), ...frames('speech', 400), ...frames('silence', 500), ...frames('speech', 400), ...frames('silence', 1000)];
  assert.deepEqual(run(vad, audio).map((e) => e.type), ['speech-start', 'speech-end']);
});

test('a 100 ms click never starts speech when 300 ms are required', () => {
  const vad = new EnergyVad({ minSpeechMs: 300 });
  assert.deepEqual(run(vad, [...frames('silence', 500), ...frames('speech', 100), ...frames('silence', 1000)]), []);
});

test('digital silence and steady loud noise are not speech; speech above the noise is', () => {
  assert.deepEqual(run(new EnergyVad(), frames('zeros', 3000)), []);
  const vad = new EnergyVad({ minSpeechMs: 100, endSilenceMs: 500 });
  // Noise at ~-40 dBFS: the floor adapts during the first second, then speech ~12 dB above it is found.
  const events = run(vad, [...frames('silence', 3000, 600), ...frames('speech', 1000, 600), ...frames('silence', 1000, 600)]);
  assert.deepEqual(events.map((e) => e.type), ['speech-start', 'speech-end']);
  assert.ok(vad.noiseFloorDb > -50 && vad.noiseFloorDb < -35, `floor ${vad.noiseFloorDb}`);
});

test('malformed frames are ignored', () => {
  const vad = new EnergyVad();
  assert.deepEqual(vad.process({ samples: new Int16Array(0), sampleRate: 8000 }), []);
  assert.deepEqual(vad.process({ samples: new Int16Array(160), sampleRate: 0 }), []);
  assert.deepEqual(vad.process(undefined as never), []);
});

test('a VAD created while the caller is already talking finds the speech, not a noise floor at speech level', () => {
  // Every DEV request (clean and pink noise), cut 300 ms after the onset a fresh VAD finds.
  const requests = loadCorpus(CORPUS_DIR).filter((item) => item.kind === 'request');
  const late: string[] = [];
  const starts: number[] = [];
  for (const item of requests) {
    const samples = readWav(item.path).samples;
    const onset = firstStart(new EnergyVad(), samples);
    assert.ok(onset !== undefined, item.file);
    const midSpeech = firstStart(new EnergyVad(), samples.subarray(Math.round((onset + 300) * 8)));
    if (midSpeech === undefined || midSpeech > 300) late.push(item.file);
    starts.push(midSpeech ?? Infinity);
  }
  // Learning the floor from the speech itself made half the starts wait for a pause (>= 100 ms).
  assert.ok(starts.sort((a, b) => a - b)[starts.length >> 1]! < 60, `median start ${starts[starts.length >> 1]} ms`);
  assert.ok(late.length <= requests.length / 20, `late or missed: ${late.join(' ')}`);
});

function firstStart(vad: EnergyVad, samples: Int16Array): number | undefined {
  for (let offset = 0; offset + 160 <= samples.length; offset += 160) {
    const start = vad.process({ samples: samples.subarray(offset, offset + 160), sampleRate: 8000 }).find((e) => e.type === 'speech-start');
    if (start) return start.atMs;
  }
  return undefined;
}

test('the decaying tail of the last word, above the noise floor but far below the utterance, is not voice', () => {
  const vad = new EnergyVad({ endSilenceMs: 600, minSpeechMs: 100 });
  // ~-53 dBFS: 15+ dB above this line's floor, but over 30 dB below the syllables' peak (~-21 dBFS).
  const tail = Array.from({ length: 5 }, () => Int16Array.from({ length: 160 }, (_, i) => Math.round(noise(10) + 100 * Math.sin((2 * Math.PI * 300 * i) / 8000))));
  const events = run(vad, [...frames('silence', 1000, 10), ...frames('speech', 1000, 10), ...tail, ...frames('silence', 1000, 10)]);
  assert.deepEqual(events.map((e) => e.type), ['speech-start', 'speech-end']);
  assert.equal(events[1]!.atMs, 2000, 'the hangover starts where the speech falls away, not after its tail');
  // The same level before any utterance is judged by the floor alone: a quiet caller still starts.
  const quiet = new EnergyVad({ endSilenceMs: 600, minSpeechMs: 100 });
  assert.deepEqual(run(quiet, [...frames('silence', 1000, 10), ...Array(20).fill(tail[0]!)]).map((e) => e.type), ['speech-start']);
});
