// G.711 µ-law (PCMU) and A-law (PCMA) as AudioCodecs: 8 kHz, one byte per sample.
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
import { FadingConcealer } from './plc.js';
import type { AudioCodec } from './types.js';
import type { CodecSpec } from '../codec.js';

export class G711Codec implements AudioCodec {
  readonly sampleRate = 8000;
  readonly rtpClockRate = 8000;
  private readonly concealer = new FadingConcealer(8000);
  private readonly encodeFn: (samples: Int16Array) => Uint8Array;
  private readonly decodeFn: (codes: Uint8Array) => Int16Array;

  constructor(readonly spec: CodecSpec) {
    const isMulaw = spec.name === 'PCMU';
    this.encodeFn = isMulaw ? (s) => mulawEncode(s) : (s) => alawEncode(s);
    this.decodeFn = isMulaw ? (c) => mulawDecode(c) : (c) => alawDecode(c);
  }

  encode(pcm: Int16Array): Uint8Array {
    return this.encodeFn(pcm);
  }

  decode(payload: Uint8Array): Int16Array {
    const pcm = this.decodeFn(payload);
    this.concealer.learn(pcm);
    return pcm;
  }

  conceal(samples: number): Int16Array {
    return this.concealer.conceal(samples);
  }

  durationTs(payload: Uint8Array): number {
    return payload.length;
  }
}
