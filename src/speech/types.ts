// The speech seam: provider-neutral streaming interfaces for recognition (STT), synthesis (TTS) and
// voice activity detection (VAD). Embedded and cloud providers implement these beside each other.
import type { EventEmitter } from 'node:events';
import type { PcmChunk } from '../media/pcm.js';

/** What a turn expects, so a provider can pick a grammar, a language model or hints. */
export type RecognitionContext =
  | {
      kind: 'digits';
      length: number;
      /** The code the caller should say, when known (passcode screening): providers may favour it. */
      expected?: string;
    }
  | { kind: 'yesNo' }
  | { kind: 'free'; hints?: string[] };

export interface Hypothesis {
  text: string;
  /** 0..1; providers without a calibrated score report their best estimate. */
  confidence: number;
}
export interface RecognitionResult extends Hypothesis {
  /** Alternatives best-first (the first equals text), when the provider has them. */
  nbest?: Hypothesis[];
}

export interface SttSessionEvents {
  partial: [RecognitionResult];
  /** Exactly one final per session (possibly empty text), then the session is done. */
  final: [RecognitionResult];
  error: [Error];
}

/** One utterance/turn of recognition. */
export interface SttSession extends EventEmitter<SttSessionEvents> {
  /** Caller audio at CALL_SAMPLE_RATE (8 kHz), 20 ms frames. */
  write(frame: PcmChunk): void;
  /** No more audio: produce the final result. */
  end(): void;
  /** Abandon without a result (call ended, barge-in cancelled the turn). */
  close(): void;
}

/**
 * One caller's audio channel, for the whole call: the Listener creates one per call and passes it to every
 * turn's session. A provider may keep what it adapts to a caller (e.g. PocketSphinx's cepstral mean) keyed
 * by its identity; it holds nothing itself and is never shared between calls, so no caller's audio shapes
 * another's recognition. A session opened without one adapts to nothing beyond its own utterance.
 */
export interface SpeechChannel {
  readonly speechChannel: true;
}

export function createSpeechChannel(): SpeechChannel {
  return Object.freeze({ speechChannel: true });
}

export interface SttOpenOptions {
  channel?: SpeechChannel;
}

export interface STT {
  readonly name: string;
  /** Cloud providers adapt server-side per stream and ignore `channel`. */
  open(context: RecognitionContext, options?: SttOpenOptions): SttSession;
  close(): Promise<void>;
}

export interface TTS {
  readonly name: string;
  /** Streams audio sentence by sentence so the first chunk leaves before the whole text is synthesized. */
  synthesize(text: string, options?: { signal?: AbortSignal }): AsyncIterable<PcmChunk>;
  close(): Promise<void>;
}

export type VadEvent = { type: 'speech-start'; atMs: number } | { type: 'speech-end'; atMs: number; speechMs: number };

export interface VadOptions {
  /** Silence that ends an utterance (short for digits and yes/no, longer for free speech). */
  endSilenceMs: number;
  /** Speech shorter than this is not an utterance (coughs, clicks). */
  minSpeechMs: number;
}

/** Frame-by-frame voice activity detection; one instance per call. */
export interface VAD {
  readonly name: string;
  /** Feed one 20 ms frame at 8 kHz; returns the events this frame caused (often none). */
  process(frame: PcmChunk): VadEvent[];
  configure(options: Partial<VadOptions>): void;
  /** Whether the last processed frame sounded like speech (lets the listener hold back pauses). */
  readonly voiced?: boolean;
  reset(): void;
}
