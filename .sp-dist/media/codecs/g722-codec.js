// G.722 as an AudioCodec: 16 kHz PCM, 8000 Hz RTP clock (RFC 3551), one byte per two samples.
import { G722Decoder, G722Encoder } from './g722.js';
import { FadingConcealer } from './plc.js';
export class G722Codec {
    spec;
    sampleRate = 16000;
    rtpClockRate = 8000;
    encoder = new G722Encoder();
    decoder = new G722Decoder();
    concealer = new FadingConcealer(16000);
    constructor(spec) {
        this.spec = spec;
    }
    encode(pcm) {
        return this.encoder.encode(pcm);
    }
    decode(payload) {
        const pcm = this.decoder.decode(payload);
        this.concealer.learn(pcm);
        return pcm;
    }
    conceal(samples) {
        return this.concealer.conceal(samples);
    }
    durationTs(payload) {
        return payload.length;
    }
}
//# sourceMappingURL=g722-codec.js.map