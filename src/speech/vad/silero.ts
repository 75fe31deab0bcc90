// Silero VAD (v5, ONNX) for one call: 256-sample windows (32 ms at 8 kHz) scored on the model thread
// (silero-runtime.ts), turned into utterances by the shared Endpointer. An energy gate keeps windows
// the energy VAD would call silence from the model: silence costs nothing, and the model's part is to
// veto non-speech sounds (tones, DTMF, bursts, hum) that are loud enough to fool energy.
// Scores arrive a few ms after their window, so events come on a later frame, stamped in audio time.
// Fed faster than real time (evaluation, tests) it waits for each score, as if the model ran inline;
// at real time it never blocks. If the runtime fails, windows are judged by energy instead.
import { performance } from 'node:perf_hooks';
import type { PcmChunk } from '../../media/pcm.js';
import type { VAD, VadEvent, VadOptions } from '../types.js';
import { Endpointer, type EndpointerOptions } from './endpointer.js';
import { ENERGY_VAD_DEFAULTS, isVoiced } from './energy.js';
import { NoiseFloor, frameLevelDb } from './level.js';
import type { SileroRuntime } from './silero-runtime.js';

export interface SileroVadOptions extends EndpointerOptions {
  /** A window is speech at this probability, and stays speech down to negThreshold (hysteresis). */
  threshold: number;
  negThreshold: number;
  /**
   * Windows quieter than the noise floor plus this (dB) never reach the model. The energy VAD's own
   * margin: the model only vetoes what energy would call speech (a lower gate let pink noise after
   * speech score as speech and ended noisy DEV turns ~0.4 s late).
   */
  gateMarginDb: number;
  absoluteFloorDb: number;
}

export const SILERO_VAD_DEFAULTS: SileroVadOptions = {
  endSilenceMs: 700,
  minSpeechMs: 120,
  onsetGapMs: 100,
  threshold: 0.5,
  negThreshold: 0.35,
  gateMarginDb: ENERGY_VAD_DEFAULTS.marginDb,
  absoluteFloorDb: ENERGY_VAD_DEFAULTS.absoluteFloorDb,
};

const WINDOW = 256;
const CONTEXT = 32;
const SAMPLE_RATE = 8000;
const WINDOW_MS = (WINDOW * 1000) / SAMPLE_RATE;
const FLOOR_WINDOW_FRAMES = ENERGY_VAD_DEFAULTS.floorWindowMs / 20;
/** Gated longer than this, the model restarts from a fresh state (a new utterance, not a pause). */
const RESET_AFTER_GATED_MS = 500;
/**
 * Audio this far ahead of the wall clock, and arriving this many times faster than real time, is not a
 * live call (a catch-up burst after a stall stays near 1x): then every window waits for its score, so
 * events come on the same frames as if the model ran inline (evaluations are repeatable).
 */
const AHEAD_OF_REAL_TIME_MS = 100;
const FASTER_THAN_REAL_TIME = 2;
const WAIT_TIMEOUT_MS = 5000;

interface Window {
  startMs: number;
  levelDb: number;
  floorDb: number;
  /** Kept from the model by the energy gate: silence. */
  gated: boolean;
  /** The model's seq; undefined when the runtime had failed (judged by energy). */
  seq?: number;
}

export class SileroVad implements VAD {
  readonly name = 'silero';
  private options: SileroVadOptions;
  private readonly endpointer: Endpointer;
  private readonly floor = new NoiseFloor(FLOOR_WINDOW_FRAMES);
  private readonly stream;
  private readonly pending: Window[] = [];
  private readonly window = new Int16Array(WINDOW);
  private readonly context = new Float32Array(CONTEXT);
  private filled = 0;
  private clockMs = 0;
  private windowStartMs = 0;
  private gatedMs = RESET_AFTER_GATED_MS;
  private speechState = false;
  private startedAt = performance.now();
  private fedFast = false;
  voiced = false;

  constructor(private readonly runtime: SileroRuntime, options: Partial<SileroVadOptions> = {}) {
    this.options = { ...SILERO_VAD_DEFAULTS, ...options };
    this.endpointer = new Endpointer(this.options);
    this.stream = runtime.openStream();
  }

  configure(options: Partial<VadOptions>): void {
    this.options = { ...this.options, ...options };
    this.endpointer.options = this.options;
  }

  reset(): void {
    this.endpointer.reset();
    this.floor.reset();
    this.pending.length = 0;
    this.context.fill(0);
    this.filled = 0;
    this.clockMs = 0;
    this.windowStartMs = 0;
    this.gatedMs = RESET_AFTER_GATED_MS;
    this.speechState = false;
    this.startedAt = performance.now();
    this.fedFast = false;
    this.voiced = false;
  }

  process(frame: PcmChunk): VadEvent[] {
    const samples = frame?.samples;
    if (!(samples instanceof Int16Array) || samples.length === 0 || frame.sampleRate !== SAMPLE_RATE) return [];
    this.floor.push(frameLevelDb(samples));
    for (let offset = 0; offset < samples.length; ) {
      const take = Math.min(WINDOW - this.filled, samples.length - offset);
      this.window.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === WINDOW) this.closeWindow();
    }
    this.clockMs += (samples.length * 1000) / SAMPLE_RATE;
    return this.drain();
  }

  private closeWindow(): void {
    const levelDb = frameLevelDb(this.window);
    const floorDb = this.floor.db;
    const gated = levelDb <= this.options.absoluteFloorDb || levelDb <= floorDb + this.options.gateMarginDb;
    const entry: Window = { startMs: this.windowStartMs, levelDb, floorDb, gated };
    if (gated) this.gatedMs += WINDOW_MS;
    else if (!this.runtime.failed) {
      const input = new Float32Array(CONTEXT + WINDOW);
      input.set(this.context);
      for (let i = 0; i < WINDOW; i++) input[CONTEXT + i] = this.window[i]! / 32768;
      entry.seq = this.runtime.submit(this.stream, input, this.gatedMs >= RESET_AFTER_GATED_MS);
      this.gatedMs = 0;
    }
    for (let i = 0; i < CONTEXT; i++) this.context[i] = this.window[WINDOW - CONTEXT + i]! / 32768;
    this.pending.push(entry);
    this.filled = 0;
    this.windowStartMs += WINDOW_MS;
  }

  /** Once seen, for the VAD's life: a loaded machine slows a fast feed down, it never becomes a call. */
  private fedFasterThanRealTime(): boolean {
    if (this.fedFast) return true;
    const wallMs = performance.now() - this.startedAt;
    this.fedFast = this.clockMs - wallMs >= AHEAD_OF_REAL_TIME_MS && this.clockMs >= FASTER_THAN_REAL_TIME * wallMs;
    return this.fedFast;
  }

  private drain(): VadEvent[] {
    const events: VadEvent[] = [];
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      if (next.seq !== undefined && !this.runtime.failed && this.fedFasterThanRealTime()) this.runtime.waitFor(this.stream, next.seq, WAIT_TIMEOUT_MS);
      const probability = next.seq === undefined ? undefined : this.runtime.result(this.stream, next.seq);
      let voiced: boolean;
      if (next.gated) voiced = false;
      else if (probability !== undefined && !Number.isNaN(probability)) voiced = probability >= (this.speechState ? this.options.negThreshold : this.options.threshold);
      // No score (the model failed, or ran > 2 s behind and its slot was reused): judged as energy would.
      else if (probability !== undefined || next.seq === undefined || this.runtime.failed) voiced = isVoiced(next.levelDb, next.floorDb, ENERGY_VAD_DEFAULTS);
      else break;
      this.pending.shift();
      this.speechState = voiced;
      this.voiced = voiced;
      events.push(...this.endpointer.push(voiced, next.startMs, WINDOW_MS));
    }
    return events;
  }
}
