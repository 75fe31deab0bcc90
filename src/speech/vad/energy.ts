// Energy voice activity detector: frame level against the adaptive noise floor (level.ts), turned
// into utterances by the shared Endpointer. Also Silero's fallback when its runtime cannot load.
// Within an utterance a frame must also stand near the utterance's own peak: the decaying tail of the
// last word is above the noise floor for ~60 ms, and the end of speech (the hangover) starts at it.
import type { PcmChunk } from '../../media/pcm.js';
import type { VAD, VadEvent, VadOptions } from '../types.js';
import { Endpointer, type EndpointerOptions } from './endpointer.js';
import { NoiseFloor, frameLevelDb } from './level.js';

export { frameLevelDb } from './level.js';

export interface EnergyVadOptions extends EndpointerOptions {
  /** Speech must stand this far above the noise floor (dB). */
  marginDb: number;
  /** Frames quieter than this (dBFS) are never speech, whatever the floor. */
  absoluteFloorDb: number;
  /** The noise floor is the quietest frame within this window. */
  floorWindowMs: number;
  /** During an utterance, a frame this far below its loudest frame (dB) is the word's decaying tail. */
  tailDropDb: number;
}

export const ENERGY_VAD_DEFAULTS: EnergyVadOptions = {
  endSilenceMs: 700,
  minSpeechMs: 120,
  marginDb: 9,
  absoluteFloorDb: -55,
  onsetGapMs: 100,
  floorWindowMs: 1500,
  tailDropDb: 30,
};

const FRAME_MS = 20;

export class EnergyVad implements VAD {
  readonly name = 'energy';
  private options: EnergyVadOptions;
  private readonly floor: NoiseFloor;
  private readonly endpointer: Endpointer;
  private clockMs = 0;
  /** The loudest frame (dBFS) of the utterance or onset in progress. */
  private peakDb = -Infinity;
  voiced = false;

  constructor(options: Partial<EnergyVadOptions> = {}) {
    this.options = { ...ENERGY_VAD_DEFAULTS, ...options };
    this.floor = new NoiseFloor(Math.round(this.options.floorWindowMs / FRAME_MS));
    this.endpointer = new Endpointer(this.options);
  }

  configure(options: Partial<VadOptions>): void {
    this.options = { ...this.options, ...options };
    this.endpointer.options = this.options;
  }

  reset(): void {
    this.floor.reset();
    this.endpointer.reset();
    this.clockMs = 0;
    this.peakDb = -Infinity;
    this.voiced = false;
  }

  /** The current noise floor estimate (dBFS), for diagnostics. */
  get noiseFloorDb(): number {
    return this.floor.db;
  }

  process(frame: PcmChunk): VadEvent[] {
    const samples = frame?.samples;
    if (!(samples instanceof Int16Array) || samples.length === 0 || !(frame.sampleRate > 0)) return [];
    const frameMs = (samples.length * 1000) / frame.sampleRate;
    const startMs = this.clockMs;
    this.clockMs += frameMs;
    const level = frameLevelDb(samples);
    this.floor.setWindow(Math.round(this.options.floorWindowMs / frameMs));
    this.floor.push(level);
    const aboveFloor = isVoiced(level, this.floor.db, this.options);
    const speaking = this.endpointer.speaking;
    this.peakDb = speaking || aboveFloor ? Math.max(this.peakDb, level) : -Infinity;
    // Onsets are judged by the floor alone: only an utterance under way has a peak to fall from.
    this.voiced = aboveFloor && !(speaking && level < this.peakDb - this.options.tailDropDb);
    return this.endpointer.push(this.voiced, startMs, frameMs);
  }
}

export function isVoiced(levelDb: number, floorDb: number, options: Pick<EnergyVadOptions, 'absoluteFloorDb' | 'marginDb'>): boolean {
  return levelDb > options.absoluteFloorDb && levelDb > floorDb + options.marginDb;
}
