// Barge-in: caller speech while a prompt plays emits 'speech-start' on the very frame that completes
// the minimum duration (so playback can stop at once); a 100 ms click or digital silence never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { STT } from '../../src/speech/types.js';
import { Listener } from '../../src/speech/listener.js';
import { EnergyVad } from '../../src/speech/vad/energy.js';
import { FrameSource, feedFrames } from '../../src/speech/eval/feed.js';
import { concat, corpusSamples, silence } from './helpers.js';

// Barge-in watching never opens a recognition session: an STT that throws proves it.
const noStt: STT = { name: 'none', open: () => { throw new Error('barge-in must not recognize'); }, close: async () => undefined };

async function watch(audio: Int16Array, minSpeechMs: number): Promise<{ firedAtFrame?: number; stopped: boolean }> {
  const source = new FrameSource();
  const listener = new Listener(source, noStt, () => new EnergyVad());
  let frames = 0;
  let firedAtFrame: number | undefined;
  let playing = true;
  source.on('audio', () => frames++);
  listener.on('speech-start', () => {
    firedAtFrame ??= frames;
    playing = false; // what the assistant does: call.stopPlayback()
  });
  const stop = listener.watchForBargeIn({ minSpeechMs });
  await feedFrames(source, audio, { realtime: false, trailingSilenceMs: 0, until: new Promise(() => undefined) });
  stop();
  listener.close();
  return { firedAtFrame, stopped: !playing };
}

function click(ms: number): Int16Array {
  let seed = 3;
  return Int16Array.from({ length: (8000 * ms) / 1000 }, () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed & 1 ? 20000 : -20000;
  });
}

test('caller speech interrupts the prompt on the frame that completes the minimum duration', async () => {
  const speech = corpusSamples('request-101.wav');
  const audio = concat(silence(1000), speech, silence(500));
  const { firedAtFrame, stopped } = await watch(audio, 300);
  assert.equal(stopped, true);
  // Independently: the frame at which an identical VAD reports the onset.
  const vad = new EnergyVad({ minSpeechMs: 300 });
  let expectedFrame = 0;
  for (let f = 0; f * 160 < audio.length; f++) {
    if (vad.process({ samples: audio.subarray(f * 160, f * 160 + 160), sampleRate: 8000 }).length > 0) {
      expectedFrame = f + 1;
      break;
    }
  }
  assert.equal(firedAtFrame, expectedFrame);
});

test('a 100 ms click does not interrupt the prompt', async () => {
  const { stopped } = await watch(concat(silence(1000), click(100), silence(1000), click(100), silence(1000)), 300);
  assert.equal(stopped, false);
});

test('silence does not interrupt the prompt, and stop() ends the watch', async () => {
  assert.equal((await watch(silence(3000), 300)).stopped, false);
  const source = new FrameSource();
  const listener = new Listener(source, noStt, () => new EnergyVad());
  const stop = listener.watchForBargeIn({ minSpeechMs: 100 });
  stop();
  assert.equal(source.listenerCount('audio'), 0);
});
