// Plays a PCM buffer into an AudioSource as 20 ms call frames: as fast as the event loop allows
// (yielding so decoder replies are handled) or paced in real time by a drift-corrected monotonic clock.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CALL_SAMPLE_RATE, FRAME_MS, FRAME_SAMPLES, type PcmChunk } from '../../media/pcm.js';
import type { AudioSource } from '../listener.js';

export class FrameSource extends EventEmitter<{ audio: [PcmChunk] }> implements AudioSource {}

const YIELD_EVERY_FRAMES = 5;

/** Emits `samples` (8 kHz) then `trailingSilenceMs` of silence; stops early when `until` is settled. */
export async function feedFrames(
  source: FrameSource,
  samples: Int16Array,
  options: { realtime: boolean; trailingSilenceMs: number; until: Promise<unknown> },
): Promise<void> {
  let done = false;
  void options.until.finally(() => (done = true));
  const silenceFrames = Math.ceil(options.trailingSilenceMs / FRAME_MS);
  const total = Math.ceil(samples.length / FRAME_SAMPLES) + silenceFrames;
  const started = performance.now();
  for (let index = 0; index < total && !done; index++) {
    const offset = index * FRAME_SAMPLES;
    const frame = new Int16Array(FRAME_SAMPLES);
    if (offset < samples.length) frame.set(samples.subarray(offset, Math.min(samples.length, offset + FRAME_SAMPLES)));
    source.emit('audio', { samples: frame, sampleRate: CALL_SAMPLE_RATE });
    if (options.realtime) {
      // Sleep to the frame's due time, not a fixed 20 ms: timer lateness does not accumulate.
      const due = started + (index + 1) * FRAME_MS;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
    } else if (index % YIELD_EVERY_FRAMES === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
