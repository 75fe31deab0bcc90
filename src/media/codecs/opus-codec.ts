// Opus (RFC 7587) via @evan/opus (libopus, native with a WASM fallback): mono 48 kHz PCM, 48 kHz RTP clock.
import { Decoder, Encoder } from '@evan/opus';
import { FadingConcealer } from './plc.js';
import type { AudioCodec } from './types.js';
import type { CodecSpec } from '../codec.js';

// Frame sizes in 48 kHz samples by TOC configuration number (RFC 6716 §3.1).
function frameSamples(config: number): number {
  if (config < 12) return [480, 960, 1920, 2880][config % 4]!; // SILK 10/20/40/60 ms
  if (config < 16) return [480, 960][config % 2]!; // hybrid 10/20 ms
  return [120, 240, 480, 960][config % 4]!; // CELT 2.5/5/10/20 ms
}

/** Samples (48 kHz) an Opus packet decodes to, from its TOC byte; 0 when malformed. */
export function opusPacketSamples(packet: Uint8Array): number {
  if (packet.length < 1) return 0;
  const toc = packet[0]!;
  const perFrame = frameSamples(toc >> 3);
  const code = toc & 3;
  if (code === 0) return perFrame;
  if (code === 1 || code === 2) return perFrame * 2;
  if (packet.length < 2) return 0;
  return perFrame * (packet[1]! & 0x3f);
}

export class OpusCodec implements AudioCodec {
  readonly sampleRate = 48000;
  readonly rtpClockRate = 48000;
  private readonly encoder = new Encoder({ channels: 1, sample_rate: 48000, application: 'voip' });
  private readonly decoder = new Decoder({ channels: 1, sample_rate: 48000 });
  private readonly concealer = new FadingConcealer(48000);

  constructor(readonly spec: CodecSpec) {
    this.encoder.bitrate = 24000;
  }

  encode(pcm: Int16Array): Uint8Array {
    return this.encoder.encode(pcm);
  }

  decode(payload: Uint8Array): Int16Array {
    const bytes = this.decoder.decode(payload);
    const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
    this.concealer.learn(pcm);
    return pcm;
  }

  conceal(samples: number): Int16Array {
    return this.concealer.conceal(samples);
  }

  durationTs(payload: Uint8Array): number {
    return opusPacketSamples(payload);
  }
}
