// What the call side and the Silero model thread share: the window requests they exchange and the
// layout of each stream's shared memory (resolved count, recurrent state, a ring of probabilities).
export const STATUS_LOADING = 0;
export const STATUS_READY = 1;
export const STATUS_FAILED = 2;

/** Silero v5's recurrent state per stream: [2][128] floats. */
export const STATE_SIZE = 128;
/** Probabilities kept per stream; the call side never runs this many windows ahead of the model. */
export const RING_WINDOWS = 64;

export interface WorkerSetup {
  modelPath: string;
  sampleRate: number;
  /** Int32 [status]: loading, ready or failed. */
  status: SharedArrayBuffer;
}

export interface WindowRequest {
  stream: number;
  shared: SharedArrayBuffer;
  seq: number;
  /** Context samples then the window, as floats in [-1, 1]. */
  samples: Float32Array;
  /** Start from a fresh recurrent state (after a stretch the energy gate kept from the model). */
  resetState: boolean;
}

export type WorkerReport = { type: 'ready' } | { type: 'failed'; reason: string };

export interface StreamViews {
  /** [0]: windows resolved so far (the next seq to resolve); Atomics.wait-able. */
  resolved: Int32Array;
  state: Float32Array;
  probabilities: Float32Array;
}

export function newStreamMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(16 + 4 * (2 * STATE_SIZE + RING_WINDOWS));
}

export function streamViews(shared: SharedArrayBuffer): StreamViews {
  return {
    resolved: new Int32Array(shared, 0, 1),
    state: new Float32Array(shared, 16, 2 * STATE_SIZE),
    probabilities: new Float32Array(shared, 16 + 4 * 2 * STATE_SIZE, RING_WINDOWS),
  };
}
