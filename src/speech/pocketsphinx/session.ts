// One pocketsphinx recognition session as the STT seam sees it: batches 20 ms frames to its decoder process
// (100 ms per message), turns worker replies into 'partial' / 'final' / 'error' events.
import { EventEmitter } from 'node:events';
import { CALL_SAMPLE_RATE, type PcmChunk } from '../../media/pcm.js';
import { Downsampler2x, toTelephoneRate } from '../resample.js';
import type { RecognitionContext, RecognitionResult, SttSession, SttSessionEvents } from '../types.js';
import type { DecoderPool } from './pool.js';
import type { ToWorker } from './protocol.js';

const BATCH_SAMPLES = 800; // 100 ms at 8 kHz: 5x fewer messages, at most 100 ms of decoding left at end()

export class PocketsphinxSession extends EventEmitter<SttSessionEvents> implements SttSession {
  readonly id: number;
  private readonly send: (message: ToWorker) => void;
  private pending: Int16Array[] = [];
  private pendingSamples = 0;
  private state: 'open' | 'ending' | 'done' = 'open';
  private downsampler?: Downsampler2x;

  constructor(pool: DecoderPool, context: RecognitionContext) {
    super();
    const handle = pool.open(context, {
      partial: (text) => {
        if (this.state !== 'done') this.emit('partial', { text, confidence: 0 });
      },
      final: (result) => this.settle(() => this.emit('final', result)),
      error: (error) => this.settle(() => this.emit('error', error)),
    });
    this.id = handle.id;
    this.send = handle.send;
  }

  write(frame: PcmChunk): void {
    if (this.state !== 'open' || !frame || !(frame.samples instanceof Int16Array) || frame.samples.length === 0) return;
    const samples = this.toCallRate(frame);
    this.pending.push(samples);
    this.pendingSamples += samples.length;
    if (this.pendingSamples >= BATCH_SAMPLES) this.flush();
  }

  end(): void {
    if (this.state !== 'open') return;
    this.flush();
    this.state = 'ending';
    this.send({ type: 'end', id: this.id });
  }

  close(): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.pending = [];
    this.send({ type: 'close', id: this.id });
  }

  private settle(emit: () => void): void {
    if (this.state === 'done') return;
    this.state = 'done';
    emit();
  }

  /** Frames should be 8 kHz; anything else is converted rather than misread. */
  private toCallRate(frame: PcmChunk): Int16Array {
    if (frame.sampleRate === CALL_SAMPLE_RATE) return frame.samples;
    if (frame.sampleRate === 2 * CALL_SAMPLE_RATE) return (this.downsampler ??= new Downsampler2x()).process(frame.samples);
    if (!(frame.sampleRate > 0)) return new Int16Array(0);
    return toTelephoneRate(frame.samples, frame.sampleRate);
  }

  private flush(): void {
    if (this.pendingSamples === 0) return;
    const batch = new Int16Array(this.pendingSamples);
    let offset = 0;
    for (const chunk of this.pending) {
      batch.set(chunk, offset);
      offset += chunk.length;
    }
    this.pending = [];
    this.pendingSamples = 0;
    this.send({ type: 'audio', id: this.id, samples: batch });
  }
}
