// G.722 as an AudioCodec: 16 kHz PCM, 8000 Hz RTP clock (RFC 3551), one byte per two samples.
import { G722Decoder, G722Encoder } from './g722.js';
import { FadingConcealer } from './plc.js';
import type { AudioCodec } from './types.js';
import type { CodecSpec } from '../codec.js';

export class G722Codec implements AudioCodec {
  readonly sampleRate = 16000;
  readonly rtpClockRate = 8000;
  private readonly encoder = new G722Encoder();
  private readonly decoder = new G722Decoder();
  private readonly concealer = new FadingConcealer(16000);

  constructor(readonly spec: CodecSpec) {}

  encode(pcm: Int16Array): Uint8Array {
    return this.encoder.encode(pcm);
  }

  decode(payload: Uint8Array): Int16Array {
    const pcm = this.decoder.decode(payload);
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
