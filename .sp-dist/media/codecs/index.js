import { G711Codec } from './g711-codec.js';
import { G722Codec } from './g722-codec.js';
import { OpusCodec } from './opus-codec.js';
export class UnsupportedCodecError extends Error {
}
export function createCodec(spec) {
    switch (spec.name) {
        case 'PCMU':
        case 'PCMA':
            return new G711Codec(spec);
        case 'G722':
            return new G722Codec(spec);
        case 'opus':
            return new OpusCodec(spec);
        default:
            throw new UnsupportedCodecError(`unsupported codec ${String(spec.name)}`);
    }
}
/** PCM samples per frame of `ms` at the codec's own rate, and RTP timestamp units for the same span. */
export function frameSize(codec, ms) {
    return { samples: (codec.sampleRate * ms) / 1000, ts: (codec.rtpClockRate * ms) / 1000 };
}
//# sourceMappingURL=index.js.map