// Messages between the pocketsphinx session pool (main thread) and its decoder processes (IPC).
import type { RecognitionContext, RecognitionResult } from '../types.js';
import type { DecoderSetup } from './decoder.js';

/** 'forced': decode only the path through the context's expected code (the verifier half of a digits turn). */
export type DecodeRole = 'search' | 'forced';

export type ToWorker =
  /** cepstralMean: the call's learned mean to start from (both decodes of a turn get the same one); else cmninit. */
  | { type: 'open'; id: number; context: RecognitionContext; role: DecodeRole; cepstralMean?: Float32Array }
  /** 8 kHz samples; the worker upsamples (keeps the main thread light). */
  | { type: 'audio'; id: number; samples: Int16Array }
  | { type: 'end'; id: number }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'partial'; id: number; text: string }
  /**
   * score: the final path's score; frames: 10 ms feature frames decoded (both feed the verifier's ratio);
   * cepstralMean: the decoder's mean after a search that recognized something (teaches the call's mean).
   */
  | { type: 'final'; id: number; result: RecognitionResult; score: number; frames: number; cepstralMean?: Float32Array }
  | { type: 'error'; id: number; message: string };

export interface WorkerSetup extends DecoderSetup {
  /** Dictionary of digit and yes/no decoders (dictPath plus telephone-band variants). */
  grammarDictPath: string;
  /** Extra flags for digit and yes/no decoders. */
  grammarFlags: Record<string, string>;
  /** Extra flags for free-speech (domain LM) decoders. */
  lmFlags: Record<string, string>;
  /** Fresh decoders kept ready (ps_init costs ~12 ms with the app dictionary; each serves one utterance). */
  spareDecoders: number;
  /** Partial hypotheses every this many 20 ms frames (0 = none). */
  partialEveryFrames: number;
}
