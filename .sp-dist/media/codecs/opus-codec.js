// Opus (RFC 7587) via @evan/opus (libopus, native with a WASM fallback): mono 48 kHz PCM, 48 kHz RTP clock.
import { Decoder, Encoder } from '@evan/opus';
import { FadingConcealer } from './plc.js';
// Frame sizes in 48 kHz samples by TOC configuration number (RFC 6716 §3.1).
function frameSamples(config) {
    if (config < 12)
        return [480, 960, 1920, 2880][config % 4]; // SILK 10/20/40/60 ms
    if (config < 16)
        return [480, 960][config % 2]; // hybrid 10/20 ms
    return [120, 240, 480, 960][config % 4]; // CELT 2.5/5/10/20 ms
}
/** Samples (48 kHz) an Opus packet decodes to, from its TOC byte; 0 when malformed. */
export function opusPacketSamples(packet) {
    if (packet.length < 1)
        return 0;
    const toc = packet[0];
    const perFrame = frameSamples(toc >> 3);
    const code = toc & 3;
    if (code === 0)
        return perFrame;
    if (code === 1 || code === 2)
        return perFrame * 2;
    if (packet.length < 2)
        return 0;
    return perFrame * (packet[1] & 0x3f);
}
export class OpusCodec {
    spec;
    sampleRate = 48000;
    rtpClockRate = 48000;
    encoder = new Encoder({ channels: 1, sample_rate: 48000, application: 'voip' });
    decoder = new Decoder({ channels: 1, sample_rate: 48000 });
    concealer = new FadingConcealer(48000);
    constructor(spec) {
        this.spec = spec;
        this.encoder.bitrate = 24000;
    }
    encode(pcm) {
        return this.encoder.encode(pcm);
    }
    decode(payload) {
        const bytes = this.decoder.decode(payload);
        const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
        this.concealer.learn(pcm);
        return pcm;
    }
    conceal(samples) {
        return this.concealer.conceal(samples);
    }
    durationTs(payload) {
        return opusPacketSamples(payload);
    }
}
//# sourceMappingURL=opus-codec.js.map