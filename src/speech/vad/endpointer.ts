// Turns a stream of voiced/unvoiced spans into utterance events, the same way for every VAD: an
// onset must gather minSpeechMs of voice (coughs, clicks) with gaps shorter than onsetGapMs, and an
// utterance ends after endSilenceMs without voice (the hangover). Times are audio time in ms.
import type { VadEvent, VadOptions } from '../types.js';

export interface EndpointerOptions extends VadOptions {
  /** A gap longer than this inside an onset restarts it. */
  onsetGapMs: number;
}

export class Endpointer {
  private inSpeech = false;
  private onsetStartMs = -1;
  private onsetVoicedMs = 0;
  private lastVoicedEndMs = 0;
  private speechStartMs = 0;

  constructor(public options: EndpointerOptions) {}

  get speaking(): boolean {
    return this.inSpeech;
  }

  reset(): void {
    this.inSpeech = false;
    this.onsetStartMs = -1;
    this.onsetVoicedMs = 0;
    this.lastVoicedEndMs = 0;
  }

  /** One classified span of audio, [startMs, startMs + durationMs), in order. */
  push(voiced: boolean, startMs: number, durationMs: number): VadEvent[] {
    return this.inSpeech ? this.duringSpeech(voiced, startMs + durationMs) : this.beforeSpeech(voiced, startMs, durationMs);
  }

  private beforeSpeech(voiced: boolean, startMs: number, durationMs: number): VadEvent[] {
    if (voiced) {
      if (this.onsetStartMs < 0) {
        this.onsetStartMs = startMs;
        this.onsetVoicedMs = 0;
      }
      this.onsetVoicedMs += durationMs;
      this.lastVoicedEndMs = startMs + durationMs;
      if (this.onsetVoicedMs >= this.options.minSpeechMs) {
        this.inSpeech = true;
        this.speechStartMs = this.onsetStartMs;
        this.onsetStartMs = -1;
        return [{ type: 'speech-start', atMs: this.speechStartMs }];
      }
    } else if (this.onsetStartMs >= 0 && startMs + durationMs - this.lastVoicedEndMs > this.options.onsetGapMs) {
      this.onsetStartMs = -1;
    }
    return [];
  }

  private duringSpeech(voiced: boolean, endMs: number): VadEvent[] {
    if (voiced) {
      this.lastVoicedEndMs = endMs;
      return [];
    }
    if (endMs - this.lastVoicedEndMs < this.options.endSilenceMs) return [];
    this.inSpeech = false;
    return [{ type: 'speech-end', atMs: this.lastVoicedEndMs, speechMs: this.lastVoicedEndMs - this.speechStartMs }];
  }
}
