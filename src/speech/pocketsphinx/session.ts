// One pocketsphinx recognition session as the STT seam sees it: batches 20 ms frames to its decoder process
// (100 ms per message), turns worker replies into 'partial' / 'final' / 'error' events. A digits turn with
// an expected code runs two decodes in two processes (free grammar + forced path) and is verified here.
// Both start from the call's learned cepstral mean; the free search's end mean teaches the call's next turns.
import { EventEmitter } from 'node:events';
import { CALL_SAMPLE_RATE, type PcmChunk } from '../../media/pcm.js';
import { Downsampler2x, toTelephoneRate } from '../resample.js';
import type { RecognitionContext, RecognitionResult, SpeechChannel, SttSession, SttSessionEvents } from '../types.js';
import type { ChannelMeans } from './channel-mean.js';
import type { DecoderPool } from './pool.js';
import type { ToWorker } from './protocol.js';
import { verifyExpected } from './verify.js';

const BATCH_SAMPLES = 800; // 100 ms at 8 kHz: 5x fewer messages, at most 100 ms of decoding left at end()

interface Decoded {
  result: RecognitionResult;
  score: number;
  frames: number;
}

/** The expected code when the turn can be verified against it. */
function expectedCodeOf(context: RecognitionContext): string | undefined {
  if (context.kind !== 'digits' || !context.expected || !/^\d+$/.test(context.expected)) return undefined;
  return context.expected.length === context.length ? context.expected : undefined;
}

export class PocketsphinxSession extends EventEmitter<SttSessionEvents> implements SttSession {
  readonly id: number;
  private readonly handles: { id: number; send: (message: ToWorker) => void }[] = [];
  private pending: Int16Array[] = [];
  private pendingSamples = 0;
  private state: 'open' | 'ending' | 'done' = 'open';
  private downsampler?: Downsampler2x;
  private free?: Decoded;
  private forced?: Decoded;

  constructor(pool: DecoderPool, context: RecognitionContext, means: ChannelMeans, channel?: SpeechChannel) {
    super();
    const expected = expectedCodeOf(context);
    const cepstralMean = means.startOf(channel);
    // One decode failing fails the turn; the other is closed rather than left decoding.
    const error = (e: Error) => {
      if (this.state === 'done') return;
      this.close();
      this.emit('error', e);
    };
    const search = pool.open(context, {
      partial: (text) => {
        if (this.state !== 'done') this.emit('partial', { text, confidence: 0 });
      },
      final: (result, score, frames, mean) => {
        if (mean) means.learn(channel, mean);
        this.free = { result, score, frames };
        this.settleWhenDecoded(expected);
      },
      error,
    }, { cepstralMean });
    this.id = search.id;
    this.handles.push(search);
    if (!expected) return;
    try {
      const forced = { partial: () => undefined, error, final: (result: RecognitionResult, score: number, frames: number) => {
        this.forced = { result, score, frames };
        this.settleWhenDecoded(expected);
      } };
      this.handles.push(pool.open(context, forced, { role: 'forced', awayFrom: search.id, cepstralMean }));
    } catch (e) {
      search.send({ type: 'close', id: search.id });
      throw e;
    }
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
    for (const { id, send } of this.handles) send({ type: 'end', id });
  }

  close(): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.pending = [];
    for (const { id, send } of this.handles) send({ type: 'close', id });
  }

  private settleWhenDecoded(expected: string | undefined): void {
    const free = this.free;
    if (!free || (expected && !this.forced)) return;
    if (!expected) return this.settle(() => this.emit('final', free.result));
    const forced = this.forced!;
    const { verified: _verified, ratio: _ratio, ...result } = verifyExpected({
      expected, free: free.result, freeScore: free.score, forced: forced.result, forcedScore: forced.score, frames: free.frames,
    });
    this.settle(() => this.emit('final', result));
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
    for (const { id, send } of this.handles) send({ type: 'audio', id, samples: batch });
  }
}
