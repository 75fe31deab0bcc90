// G.711 µ-law (PCMU) and A-law (PCMA) as AudioCodecs: 8 kHz, one byte per sample.
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
import { FadingConcealer } from './plc.js';
export class G711Codec {
    spec;
    sampleRate = 8000;
    rtpClockRate = 8000;
    concealer = new FadingConcealer(8000);
    encodeFn;
    decodeFn;
    constructor(spec) {
        this.spec = spec;
        const isMulaw = spec.name === 'PCMU';
        this.encodeFn = isMulaw ? (s) => mulawEncode(s) : (s) => alawEncode(s);
        this.decodeFn = isMulaw ? (c) => mulawDecode(c) : (c) => alawDecode(c);
    }
    encode(pcm) {
        return this.encodeFn(pcm);
    }
    decode(payload) {
        const pcm = this.decodeFn(payload);
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
//# sourceMappingURL=g711-codec.js.map