// The codec registry: createCodec(spec) builds a fresh, stateful AudioCodec for one call direction pair.
import type { CodecSpec } from '../codec.js';
import { G711Codec } from './g711-codec.js';
import { G722Codec } from './g722-codec.js';
import { OpusCodec } from './opus-codec.js';
import type { AudioCodec } from './types.js';

export type { AudioCodec } from './types.js';

export class UnsupportedCodecError extends Error {}

export function createCodec(spec: CodecSpec): AudioCodec {
  switch (spec.name) {
    case 'PCMU':
    case 'PCMA':
      return new G711Codec(spec);
    case 'G722':
      return new G722Codec(spec);
    case 'opus':
      return new OpusCodec(spec);
    default:
      throw new UnsupportedCodecError(`unsupported codec ${String((spec as CodecSpec).name)}`);
  }
}

/** PCM samples per frame of `ms` at the codec's own rate, and RTP timestamp units for the same span. */
export function frameSize(codec: AudioCodec, ms: number): { samples: number; ts: number } {
  return { samples: (codec.sampleRate * ms) / 1000, ts: (codec.rtpClockRate * ms) / 1000 };
}
