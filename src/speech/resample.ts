// Streaming 2:1 rate changers for speech (8 kHz telephone <-> 16 kHz models/voices): windowed-sinc
// FIR so nothing images above 4 kHz (the recognizer's 16 kHz front end would see it as speech).
// Written here because src/media has no resampler yet; swap for media's when it lands.

/**
 * 128-tap Kaiser-windowed sinc, cut-off 3.9 kHz at 16 kHz: a short filter (48 taps) already rolled
 * off from 3 kHz and cost the recognizer half its passcodes on fresh decoders (the cmninit was
 * measured on sox's steep upsampler).
 */
const TAPS = 128;
const CUTOFF = 3900 / 16000;
const KAISER_BETA = 8;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/** Low-pass at CUTOFF (cycles per 16 kHz sample), unity DC gain. */
function lowPassKernel(): Float64Array {
  const h = new Float64Array(TAPS);
  const centre = (TAPS - 1) / 2;
  let sum = 0;
  for (let i = 0; i < TAPS; i++) {
    const t = i - centre;
    const sinc = t === 0 ? 2 * CUTOFF : Math.sin(2 * Math.PI * CUTOFF * t) / (Math.PI * t);
    const r = (2 * i) / (TAPS - 1) - 1;
    const window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(KAISER_BETA);
    h[i] = sinc * window;
    sum += h[i]!;
  }
  for (let i = 0; i < TAPS; i++) h[i]! /= sum;
  return h;
}
const KERNEL = lowPassKernel();

function clamp16(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : Math.round(value);
}

/** The kernel's even and odd taps: output phase 0 and 1 of the zero-stuffed 2x signal. */
const EVEN_TAPS = KERNEL.filter((_, i) => i % 2 === 0);
const ODD_TAPS = KERNEL.filter((_, i) => i % 2 === 1);

/**
 * 8 kHz -> 16 kHz; keeps filter state across calls so 20 ms frames join seamlessly. Polyphase: each input
 * sample's window is read once for both output phases, into a buffer kept between calls (the same
 * products summed in the same order as the direct form, so the output is bit for bit the same).
 */
export class Upsampler2x {
  /** The last TAPS/2 input samples (the zero-stuffed signal has TAPS/2 non-zero taps per output), then the input. */
  private buffer = new Float64Array(TAPS);

  process(input: Int16Array): Int16Array {
    const half = TAPS / 2;
    if (this.buffer.length < half + input.length) {
      const grown = new Float64Array(half + input.length);
      grown.set(this.buffer.subarray(0, half));
      this.buffer = grown;
    }
    const buffer = this.buffer;
    for (let i = 0; i < input.length; i++) buffer[half + i] = input[i]!;
    const out = new Int16Array(input.length * 2);
    for (let n = 0; n < input.length; n++) {
      const newest = half + n;
      let even = 0;
      let odd = 0;
      for (let k = 0; k < half; k++) {
        const sample = buffer[newest - k]!;
        even += EVEN_TAPS[k]! * sample;
        odd += ODD_TAPS[k]! * sample;
      }
      out[2 * n] = clamp16(even * 2);
      out[2 * n + 1] = clamp16(odd * 2);
    }
    buffer.copyWithin(0, input.length, input.length + half);
    return out;
  }
}

/** 16 kHz -> 8 kHz (anti-aliased decimation); keeps state across calls. */
export class Downsampler2x {
  private history = new Float64Array(TAPS - 1);
  private odd = false;

  process(input: Int16Array): Int16Array {
    const keep = TAPS - 1;
    const buffer = new Float64Array(keep + input.length);
    buffer.set(this.history);
    for (let i = 0; i < input.length; i++) buffer[keep + i] = input[i]!;
    const out: number[] = [];
    for (let n = 0; n < input.length; n++) {
      const take = !this.odd;
      this.odd = !this.odd;
      if (!take) continue;
      let acc = 0;
      for (let k = 0; k < TAPS; k++) acc += KERNEL[k]! * buffer[keep + n - k]!;
      out.push(clamp16(acc));
    }
    this.history = buffer.slice(buffer.length - keep);
    return Int16Array.from(out);
  }
}

/** One-shot conversion of a whole buffer to 8 kHz: exact for 16 kHz, linear interpolation otherwise. */
export function toTelephoneRate(samples: Int16Array, sampleRate: number): Int16Array {
  if (sampleRate === 8000) return samples;
  if (sampleRate === 16000) return new Downsampler2x().process(samples);
  const ratio = sampleRate / 8000;
  const out = new Int16Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const position = i * ratio;
    const left = Math.floor(position);
    const right = Math.min(left + 1, samples.length - 1);
    const fraction = position - left;
    out[i] = clamp16(samples[left]! * (1 - fraction) + samples[right]! * fraction);
  }
  return out;
}
