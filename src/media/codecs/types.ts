// The AudioCodec interface every payload format implements (G.711, G.722, Opus).
import type { CodecSpec } from '../codec.js';

export interface AudioCodec {
  readonly spec: CodecSpec;
  /** Rate of the PCM that encode() takes and decode() returns (G.722: 16000, Opus: 48000). */
  readonly sampleRate: number;
  /** RTP timestamp units per second (G.722: 8000 by RFC 3551's historical error). */
  readonly rtpClockRate: number;
  encode(pcm: Int16Array): Uint8Array;
  /** Throws on a payload the codec cannot decode; the session counts and conceals it. */
  decode(payload: Uint8Array): Int16Array;
  /** PCM (at sampleRate) standing in for lost audio; fades to silence over long gaps. */
  conceal(samples: number): Int16Array;
  /** How much RTP time the payload covers, or 0 when unknown. */
  durationTs(payload: Uint8Array): number;
}
