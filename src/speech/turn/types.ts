// What one caller turn is asked for and gives back: the Listener's options and results, and the
// events a turn reports to its Listener.
import type { PcmChunk } from '../../media/pcm.js';
import type { RecognitionContext, RecognitionResult } from '../types.js';
import type { EndOfTurnStrategy } from './end-of-turn.js';

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
  /** When a pause ends the turn; without one, only the full end silence does. */
  endOfTurn?: EndOfTurnStrategy;
}

/** `early`: a short pause ended the turn (the end-of-turn strategy), not the full end silence. */
export type ListenResult =
  | { kind: 'speech'; result: RecognitionResult; speechStartedAt: number; speechEndedAt: number; finalAt: number; early?: boolean }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

/** listen() rejects with this when the recognizer fails mid-turn (e.g. its worker crashed): re-prompt. */
export class RecognitionError extends Error {
  override readonly name = 'RecognitionError';
}

export interface TurnEvents {
  speechStart(): void;
  speechEnd(): void;
  partial(text: string): void;
}
