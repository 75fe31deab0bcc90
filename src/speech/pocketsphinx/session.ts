// One pocketsphinx recognition session as the STT seam sees it: batches 20 ms frames to its decoder process
// (100 ms per message), turns worker replies into 'partial' / 'final' / 'error' events. A digits turn with
// an expected code is verified here: when the free digit grammar heard the expected code it is accepted as
// it is; only otherwise is the kept audio decoded again along the forced path of the expected code (in
// another process) and the two scores compared. Most callers say their code right, so most turns cost one
// decode instead of two (recognition streams per core is a target); a mismatch waits for the second decode.
// Both start from the call's learned cepstral mean; the free search's end mean teaches the call's next turns.
import { EventEmitter } from 'node:events';
import { CALL_SAMPLE_RATE, type PcmChunk } from '../../media/pcm.js';
import { Downsampler2x, toTelephoneRate } from '../resample.js';
import type { RecognitionContext, RecognitionResult, SpeechChannel, SttSession, SttSessionEvents } from '../types.js';
import type { ChannelMeans } from './channel-mean.js';
import type { DecoderPool } from './pool.js';
import type { ToWorker } from './protocol.js';
import { digitsIn, verifyExpected } from './verify.js';

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
  /** The audio sent, kept while a forced decode may still be needed. */
  private readonly heard: Int16Array[] | undefined;
  private readonly error = (e: Error) => {
    // One decode failing fails the turn; the other is closed rather than left decoding.
    if (this.state === 'done') return;
    this.close();
    this.emit('error', e);
  };

  constructor(
    private readonly pool: DecoderPool,
    private readonly context: RecognitionContext,
    means: ChannelMeans,
    channel?: SpeechChannel,
  ) {
    super();
    const expected = expectedCodeOf(context);
    const cepstralMean = means.startOf(channel);
    const search = pool.open(context, {
      partial: (text) => {
        if (this.state !== 'done') this.emit('partial', { text, confidence: 0 });
      },
      final: (result, score, frames, mean) => {
        if (mean) means.learn(channel, mean);
        if (!expected || digitsIn(result.text) === expected) return this.settle(() => this.emit('final', result));
        this.verifyAgainst(expected, { result, score, frames }, search.id, cepstralMean);
      },
      error: this.error,
    }, { cepstralMean });
    this.id = search.id;
    this.handles.push(search);
    this.heard = expected ? [] : undefined;
  }

  /** The free search missed the expected code: decode the kept audio along its forced path and compare. */
  private verifyAgainst(expected: string, free: Decoded, freeId: number, cepstralMean: Float32Array | undefined): void {
    if (this.state === 'done') return;
    const final = (forced: RecognitionResult, forcedScore: number) => {
      const { verified: _verified, ratio: _ratio, ...result } = verifyExpected({
        expected, free: free.result, freeScore: free.score, forced, forcedScore, frames: free.frames,
      });
      this.settle(() => this.emit('final', result));
    };
    try {
      const { id, send } = this.pool.open(this.context, { partial: () => undefined, error: this.error, final }, { role: 'forced', awayFrom: freeId, cepstralMean });
      this.handles.push({ id, send });
      for (const samples of this.heard!.splice(0)) send({ type: 'audio', id, samples });
      send({ type: 'end', id });
    } catch (e) {
      this.error(e instanceof Error ? e : new Error(String(e)));
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
    this.heard?.splice(0);
    for (const { id, send } of this.handles) send({ type: 'close', id });
  }

  private settle(emit: () => void): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.heard?.splice(0);
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
    this.heard?.push(batch);
    for (const { id, send } of this.handles) send({ type: 'audio', id, samples: batch });
  }
}
