// Messages between the pocketsphinx session pool (main thread) and its decoder processes (IPC).
import type { RecognitionContext, RecognitionResult } from '../types.js';
import type { DecoderSetup } from './decoder.js';

export type ToWorker =
  | { type: 'open'; id: number; context: RecognitionContext }
  /** 8 kHz samples; the worker upsamples (keeps the main thread light). */
  | { type: 'audio'; id: number; samples: Int16Array }
  | { type: 'end'; id: number }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'partial'; id: number; text: string }
  | { type: 'final'; id: number; result: RecognitionResult }
  | { type: 'error'; id: number; message: string };

export interface WorkerSetup extends DecoderSetup {
  /** Extra flags for digit and yes/no decoders. */
  grammarFlags: Record<string, string>;
  /** Fresh decoders kept ready (ps_init costs ~12 ms with the app dictionary; each serves one utterance). */
  spareDecoders: number;
  /** Partial hypotheses every this many 20 ms frames (0 = none). */
  partialEveryFrames: number;
}
