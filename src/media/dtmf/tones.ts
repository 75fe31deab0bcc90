// In-band DTMF generation (ITU-T Q.23 frequency pairs), for peers that did not negotiate telephone-event.
import type { PcmChunk, PcmSource } from '../pcm.js';

export const DTMF_LOW = [697, 770, 852, 941] as const;
export const DTMF_HIGH = [1209, 1336, 1477, 1633] as const;
export const DTMF_KEYPAD = ['123A', '456B', '789C', '*0#D'] as const;

export function dtmfFrequencies(digit: string): [number, number] {
  const key = digit.toUpperCase();
  for (let row = 0; row < 4; row++) {
    const col = DTMF_KEYPAD[row]!.indexOf(key);
    if (col >= 0 && key.length === 1) return [DTMF_LOW[row]!, DTMF_HIGH[col]!];
  }
  throw new RangeError(`not a DTMF digit: ${JSON.stringify(digit)}`);
}

export interface ToneOptions {
  sampleRate?: number;
  toneMs?: number;
  gapMs?: number;
  /** Peak amplitude of each of the two sines (-10 dBm0-ish by default). */
  amplitude?: number;
}

/** One digit's tone followed by its silent gap, as PCM. */
export function dtmfTonePcm(digit: string, options: ToneOptions = {}): Int16Array {
  const { sampleRate = 8000, toneMs = 100, gapMs = 60, amplitude = 6000 } = options;
  const [low, high] = dtmfFrequencies(digit);
  const toneSamples = Math.round((sampleRate * toneMs) / 1000);
  const pcm = new Int16Array(toneSamples + Math.round((sampleRate * gapMs) / 1000));
  for (let i = 0; i < toneSamples; i++) {
    const t = i / sampleRate;
    pcm[i] = Math.round(amplitude * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)));
  }
  return pcm;
}

/** A PcmSource playing `digits` in-band; throws RangeError up front on a non-DTMF character. */
export function dtmfToneSource(digits: string, options: ToneOptions = {}): PcmSource {
  const sampleRate = options.sampleRate ?? 8000;
  const chunks: PcmChunk[] = [...digits].map((digit) => ({ samples: dtmfTonePcm(digit, options), sampleRate }));
  return (async function* () {
    yield* chunks;
  })();
}
