// Frame level and the adaptive noise floor both VADs stand on: the quietest frame of a recent window
// (pauses between words keep it at the noise, a noise step is learned within the window), with a
// prior floor kept until the VAD has heard something steady — a VAD created while the caller is
// already talking must not take their voice for the line noise.
export function frameLevelDb(samples: Int16Array): number {
  if (samples.length === 0) return -Infinity;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return 10 * Math.log10(sum / samples.length / (32768 * 32768));
}

/** Below any telephone line's noise, above no speech: the floor assumed until one is heard. */
export const PRIOR_FLOOR_DB = -60;
const DIGITAL_SILENCE_DB = -100;
/** Levels this steady for STEADY_FRAMES are noise (or a pause), never running speech: learn them. */
const STEADY_SPREAD_DB = 6;
const STEADY_FRAMES = 5;

export class NoiseFloor {
  private recent: number[] = [];
  private learned = false;
  private floor = PRIOR_FLOOR_DB;

  constructor(private windowFrames: number) {}

  get db(): number {
    return this.floor;
  }

  setWindow(frames: number): void {
    this.windowFrames = Math.max(STEADY_FRAMES, frames);
  }

  reset(): void {
    this.recent = [];
    this.learned = false;
    this.floor = PRIOR_FLOOR_DB;
  }

  push(levelDb: number): void {
    // Digital silence counts as very quiet (speech right after it must be found); an absolute floor in
    // the VAD still keeps faint hiss after it from looking like speech.
    this.recent.push(Math.max(levelDb, DIGITAL_SILENCE_DB));
    if (this.recent.length > this.windowFrames) this.recent.shift();
    const quietest = Math.min(...this.recent);
    if (!this.learned) this.learned = this.steadyTail();
    // Speech swings 10-30 dB within 100 ms, noise does not: until something steady was heard, the
    // floor can only fall below the prior, so talking from the first frame still counts as speech.
    this.floor = this.learned ? quietest : Math.min(quietest, PRIOR_FLOOR_DB);
  }

  private steadyTail(): boolean {
    if (this.recent.length < STEADY_FRAMES) return false;
    const tail = this.recent.slice(-STEADY_FRAMES);
    return Math.max(...tail) - Math.min(...tail) <= STEADY_SPREAD_DB;
  }
}
