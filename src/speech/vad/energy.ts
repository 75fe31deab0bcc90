// Energy voice activity detector: frame level against an adaptive noise floor (the quietest frame of
// the last 1.5 s: pauses between words keep it at the noise, a noise step is learned within the
// window), an onset that must last minSpeechMs (coughs, clicks) and a hangover of endSilenceMs.
import type { PcmChunk } from '../../media/pcm.js';
import type { VAD, VadEvent, VadOptions } from '../types.js';

export interface EnergyVadOptions extends VadOptions {
  /** Speech must stand this far above the noise floor (dB). */
  marginDb: number;
  /** Frames quieter than this (dBFS) are never speech, whatever the floor. */
  absoluteFloorDb: number;
  /** A gap longer than this inside an onset restarts it. */
  onsetGapMs: number;
  /** The noise floor is the quietest frame within this window. */
  floorWindowMs: number;
}

export const ENERGY_VAD_DEFAULTS: EnergyVadOptions = {
  endSilenceMs: 700,
  minSpeechMs: 120,
  marginDb: 9,
  absoluteFloorDb: -55,
  onsetGapMs: 100,
  floorWindowMs: 1500,
};

const INITIAL_FLOOR_DB = -90;
const DIGITAL_SILENCE_DB = -100;

export function frameLevelDb(samples: Int16Array): number {
  if (samples.length === 0) return -Infinity;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return 10 * Math.log10(sum / samples.length / (32768 * 32768));
}

export class EnergyVad implements VAD {
  readonly name = 'energy';
  private options: EnergyVadOptions;
  private floorDb = INITIAL_FLOOR_DB;
  private recentLevels: number[] = [];
  private clockMs = 0;
  private inSpeech = false;
  private onsetStartMs = -1;
  private onsetVoicedMs = 0;
  private lastVoicedEndMs = 0;
  private speechStartMs = 0;
  voiced = false;

  constructor(options: Partial<EnergyVadOptions> = {}) {
    this.options = { ...ENERGY_VAD_DEFAULTS, ...options };
  }

  configure(options: Partial<VadOptions>): void {
    this.options = { ...this.options, ...options };
  }

  reset(): void {
    this.floorDb = INITIAL_FLOOR_DB;
    this.recentLevels = [];
    this.clockMs = 0;
    this.inSpeech = false;
    this.onsetStartMs = -1;
    this.onsetVoicedMs = 0;
    this.lastVoicedEndMs = 0;
    this.voiced = false;
  }

  /** The current noise floor estimate (dBFS), for diagnostics. */
  get noiseFloorDb(): number {
    return this.floorDb;
  }

  process(frame: PcmChunk): VadEvent[] {
    const samples = frame?.samples;
    if (!(samples instanceof Int16Array) || samples.length === 0 || !(frame.sampleRate > 0)) return [];
    const frameMs = (samples.length * 1000) / frame.sampleRate;
    const startMs = this.clockMs;
    this.clockMs += frameMs;
    const level = frameLevelDb(samples);
    this.trackFloor(level, Math.max(1, Math.round(this.options.floorWindowMs / frameMs)));
    const voiced = level > this.options.absoluteFloorDb && level > this.floorDb + this.options.marginDb;
    this.voiced = voiced;
    return this.inSpeech ? this.duringSpeech(voiced) : this.beforeSpeech(voiced, startMs, frameMs);
  }

  private trackFloor(level: number, windowFrames: number): void {
    // Digital silence counts as very quiet (speech right after it must be found); the absolute floor
    // still keeps faint hiss after it from looking like speech.
    this.recentLevels.push(Math.max(level, DIGITAL_SILENCE_DB));
    if (this.recentLevels.length > windowFrames) this.recentLevels.shift();
    this.floorDb = Math.min(...this.recentLevels);
  }

  private beforeSpeech(voiced: boolean, startMs: number, frameMs: number): VadEvent[] {
    if (voiced) {
      if (this.onsetStartMs < 0) {
        this.onsetStartMs = startMs;
        this.onsetVoicedMs = 0;
      }
      this.onsetVoicedMs += frameMs;
      this.lastVoicedEndMs = startMs + frameMs;
      if (this.onsetVoicedMs >= this.options.minSpeechMs) {
        this.inSpeech = true;
        this.speechStartMs = this.onsetStartMs;
        this.onsetStartMs = -1;
        return [{ type: 'speech-start', atMs: this.speechStartMs }];
      }
    } else if (this.onsetStartMs >= 0 && startMs + frameMs - this.lastVoicedEndMs > this.options.onsetGapMs) {
      this.onsetStartMs = -1;
    }
    return [];
  }

  private duringSpeech(voiced: boolean): VadEvent[] {
    if (voiced) {
      this.lastVoicedEndMs = this.clockMs;
      return [];
    }
    if (this.clockMs - this.lastVoicedEndMs < this.options.endSilenceMs) return [];
    this.inSpeech = false;
    return [{ type: 'speech-end', atMs: this.lastVoicedEndMs, speechMs: this.lastVoicedEndMs - this.speechStartMs }];
  }
}
