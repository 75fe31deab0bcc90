// One caller's ears: VAD-gated turns streamed to a fresh STT session each (the assistant's "gather"
// and the eval harness both use this), and barge-in watching while a prompt plays.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { PcmChunk } from '../media/pcm.js';
import { sttLatency } from '../metrics.js';
import type { RecognitionContext, RecognitionResult, STT, VAD } from './types.js';

export interface AudioSource {
  on(event: 'audio', listener: (frame: PcmChunk) => void): unknown;
  off(event: 'audio', listener: (frame: PcmChunk) => void): unknown;
}

export interface ListenOptions {
  context: RecognitionContext;
  /** No speech start within this (wall clock or audio time, whichever first) -> { kind: 'timeout' }. */
  noInputTimeoutMs: number;
  endSilenceMs?: number;
  maxSpeechMs?: number;
  signal?: AbortSignal;
}

export type ListenResult =
  | { kind: 'speech'; result: RecognitionResult; speechStartedAt: number; speechEndedAt: number; finalAt: number }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

/** listen() rejects with this when the recognizer fails mid-turn (e.g. its worker crashed): re-prompt. */
export class RecognitionError extends Error {
  override readonly name = 'RecognitionError';
}

export const DEFAULT_END_SILENCE_MS: Record<RecognitionContext['kind'], number> = { digits: 800, yesNo: 600, free: 900 };
const DEFAULT_MAX_SPEECH_MS = 15_000;
/** Audio kept from before the VAD fired, so the recognizer hears the word onset. */
const PREROLL_MS = 300;
/**
 * Pauses are held back and forwarded only when speech resumes; at the end only this much trailing
 * silence reaches the recognizer (it otherwise inserts words into the end-of-turn silence).
 */
const TRAILING_SILENCE_MS = 200;

export class Listener extends EventEmitter<{ 'speech-start': []; 'speech-end': []; partial: [string] }> {
  private readonly stoppers = new Set<() => void>();

  constructor(
    private readonly source: AudioSource,
    private readonly stt: STT,
    private readonly vadFactory: () => VAD,
    private readonly endSilenceDefaults: Record<RecognitionContext['kind'], number> = DEFAULT_END_SILENCE_MS,
  ) {
    super();
  }

  listen(options: ListenOptions): Promise<ListenResult> {
    return new Promise<ListenResult>((resolve, reject) => {
      if (options.signal?.aborted) return resolve({ kind: 'aborted' });
      const vad = this.vadFactory();
      vad.configure({ endSilenceMs: options.endSilenceMs ?? this.endSilenceDefaults[options.context.kind] });
      const maxSpeechMs = options.maxSpeechMs ?? DEFAULT_MAX_SPEECH_MS;
      const preroll: PcmChunk[] = [];
      let prerollMs = 0;
      let audioMs = 0;
      let session: ReturnType<STT['open']> | undefined;
      let speechStartedAt = 0;
      let speechAudioStartMs = 0;
      let speechEndedAt = 0;
      let settled = false;
      const held: PcmChunk[] = [];

      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        cleanup();
        outcome();
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.source.off('audio', onAudio);
        options.signal?.removeEventListener('abort', onAbort);
        this.stoppers.delete(onAbort);
      };
      const onAbort = () => {
        session?.close();
        finish(() => resolve({ kind: 'aborted' }));
      };
      const startSpeech = () => {
        speechStartedAt = performance.now();
        speechAudioStartMs = audioMs;
        const opened = this.stt.open(options.context);
        session = opened;
        opened.once('final', (result) => {
          const finalAt = performance.now();
          if (speechEndedAt > 0) sttLatency.observe({ provider: this.stt.name }, (finalAt - speechEndedAt) / 1000);
          finish(() => resolve({ kind: 'speech', result, speechStartedAt, speechEndedAt: speechEndedAt || finalAt, finalAt }));
        });
        opened.once('error', (error) => finish(() => reject(new RecognitionError(error.message))));
        opened.on('partial', (partial) => {
          if (!settled && partial.text) this.emit('partial', partial.text);
        });
        for (const frame of preroll) opened.write(frame);
        preroll.length = 0;
        this.emit('speech-start');
      };
      const endSpeech = () => {
        this.source.off('audio', onAudio);
        speechEndedAt = performance.now();
        this.emit('speech-end');
        let trailingMs = 0;
        for (const frame of held) {
          if (trailingMs >= TRAILING_SILENCE_MS) break;
          session?.write(frame);
          trailingMs += (frame.samples.length * 1000) / frame.sampleRate;
        }
        held.length = 0;
        session?.end();
      };
      const forward = (frame: PcmChunk) => {
        if (vad.voiced === false) {
          held.push(frame);
          return;
        }
        for (const waiting of held) session!.write(waiting);
        held.length = 0;
        session!.write(frame);
      };
      const onAudio = (frame: PcmChunk) => {
        if (settled || !frame?.samples || !(frame.sampleRate > 0)) return;
        audioMs += (frame.samples.length * 1000) / frame.sampleRate;
        const events = vad.process(frame);
        if (!session) {
          preroll.push(frame);
          prerollMs += (frame.samples.length * 1000) / frame.sampleRate;
          while (prerollMs > PREROLL_MS && preroll.length > 1) {
            const dropped = preroll.shift()!;
            prerollMs -= (dropped.samples.length * 1000) / dropped.sampleRate;
          }
          if (events.some((e) => e.type === 'speech-start')) {
            clearTimeout(timer);
            startSpeech();
          } else if (audioMs >= options.noInputTimeoutMs) {
            finish(() => resolve({ kind: 'timeout' }));
          }
          return;
        }
        forward(frame);
        if (events.some((e) => e.type === 'speech-end') || audioMs - speechAudioStartMs >= maxSpeechMs) endSpeech();
      };

      const timer = setTimeout(() => {
        if (!session) finish(() => resolve({ kind: 'timeout' }));
      }, Math.max(0, options.noInputTimeoutMs));
      this.source.on('audio', onAudio);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.stoppers.add(onAbort);
    });
  }

  watchForBargeIn(options: { minSpeechMs: number }): () => void {
    const vad = this.vadFactory();
    vad.configure({ minSpeechMs: options.minSpeechMs });
    let fired = false;
    const onAudio = (frame: PcmChunk) => {
      // Fire once per prompt; speech-start reports onset only after minSpeechMs of voice.
      if (fired) return;
      if (vad.process(frame).some((e) => e.type === 'speech-start')) {
        fired = true;
        this.emit('speech-start');
      }
    };
    const stop = () => {
      this.source.off('audio', onAudio);
      this.stoppers.delete(stop);
    };
    this.source.on('audio', onAudio);
    this.stoppers.add(stop);
    return stop;
  }

  /** Ends every turn in progress (as aborted) and every barge-in watch. */
  close(): void {
    for (const stop of [...this.stoppers]) stop();
  }
}
