// OpenAI's `pcm` format (headerless 24 kHz s16le mono) to telephone-rate PCM: byte re-framing across
// HTTP chunk boundaries and a streaming anti-aliased 3:1 decimator (24 kHz → 8 kHz).
// Kept here until src/media has a general resampler; swap for it when it lands.

const TAPS = 63;
const CUTOFF = 3600 / 24000; // pass the telephone band, stop before the 4 kHz Nyquist of the output

function lowpassKernel(): Float64Array {
  const kernel = new Float64Array(TAPS);
  const centre = (TAPS - 1) / 2;
  let sum = 0;
  for (let i = 0; i < TAPS; i++) {
    const t = i - centre;
    const sinc = t === 0 ? 2 * CUTOFF : Math.sin(2 * Math.PI * CUTOFF * t) / (Math.PI * t);
    const window = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (TAPS - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (TAPS - 1));
    kernel[i] = sinc * window;
    sum += kernel[i]!;
  }
  for (let i = 0; i < TAPS; i++) kernel[i]! /= sum;
  return kernel;
}
const KERNEL = lowpassKernel();

/** Feed arbitrary byte chunks of 24 kHz s16le; get 8 kHz samples out, filter state kept across chunks. */
export class Pcm24kTo8k {
  private carry: Buffer = Buffer.alloc(0);
  private history = new Float64Array(TAPS - 1);
  private phase = 0;

  push(bytes: Uint8Array): Int16Array {
    const joined = this.carry.length ? Buffer.concat([this.carry, bytes]) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const usable = joined.length - (joined.length % 2);
    this.carry = Buffer.from(joined.subarray(usable));
    const count = usable / 2;
    const keep = TAPS - 1;
    const buffer = new Float64Array(keep + count);
    buffer.set(this.history);
    for (let i = 0; i < count; i++) buffer[keep + i] = joined.readInt16LE(i * 2);
    const out: number[] = [];
    for (let n = 0; n < count; n++) {
      if (this.phase === 0) {
        let acc = 0;
        for (let k = 0; k < TAPS; k++) acc += KERNEL[k]! * buffer[keep + n - k]!;
        out.push(acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc));
      }
      this.phase = (this.phase + 1) % 3;
    }
    this.history = buffer.slice(buffer.length - keep);
    return Int16Array.from(out);
  }
}
