// ITU-T G.722 sub-band ADPCM at 64 kbit/s: a port of the reference algorithm's integer arithmetic
// (QMF split into two 8 kHz bands, 6-bit low-band and 2-bit high-band ADPCM). 16 kHz PCM ↔ 1 byte per 2 samples.
const QMF = [3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11];
const Q6 = [0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786, 858, 940, 1023, 1121, 1219,
    1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0];
const ILN = [0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7,
    6, 5, 4, 0];
const ILP = [0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36,
    35, 34, 33, 32, 0];
const WL = [-60, -30, 58, 172, 334, 538, 1198, 3042];
const RL42 = [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];
const ILB = [2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834, 2896, 2960,
    3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008];
const QM4 = [0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0];
const QM6 = [-136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232, -9360,
    -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400, -2032, -1688, -1360, -1040,
    -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456, 4944,
    4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136];
const QM2 = [-7408, -1616, 7408, 1616];
const IHN = [0, 1, 0];
const IHP = [0, 3, 2];
const WH = [0, -214, 798];
const RH2 = [2, 1, 2, 1];
const sat = (x) => (x > 32767 ? 32767 : x < -32768 ? -32768 : x);
/** Adaptive predictor state of one sub-band (blocks 3 and 4 of the reference). */
class Band {
    s = 0;
    sp = 0;
    sz = 0;
    r = [0, 0, 0];
    a = [0, 0, 0];
    ap = [0, 0, 0];
    p = [0, 0, 0];
    d = [0, 0, 0, 0, 0, 0, 0];
    b = [0, 0, 0, 0, 0, 0, 0];
    bp = [0, 0, 0, 0, 0, 0, 0];
    nb = 0;
    det;
    constructor(initialDet) {
        this.det = initialDet;
    }
    /** LOGSCL/LOGSCH + SCALEL/SCALEH: adapt the quantiser scale. */
    scale(weight, nbMax, shiftBase) {
        let nb = ((this.nb * 127) >> 7) + weight;
        nb = nb < 0 ? 0 : nb > nbMax ? nbMax : nb;
        this.nb = nb;
        const wd1 = (nb >> 6) & 31;
        const wd2 = shiftBase - (nb >> 11);
        const wd3 = wd2 < 0 ? ILB[wd1] << -wd2 : ILB[wd1] >> wd2;
        this.det = wd3 << 2;
    }
    /** Block 4: reconstruct, update the pole and zero predictors, predict the next sample. */
    update(d) {
        this.d[0] = d;
        this.r[0] = sat(this.s + d);
        this.p[0] = sat(this.sz + d);
        const sg0 = this.p[0] >> 15;
        const sg1 = this.p[1] >> 15;
        const sg2 = this.p[2] >> 15;
        // UPPOL2
        const wd1 = sat(this.a[1] << 2);
        let wd2 = sg0 === sg1 ? -wd1 : wd1;
        if (wd2 > 32767)
            wd2 = 32767;
        let wd3 = (wd2 >> 7) + (sg0 === sg2 ? 128 : -128) + ((this.a[2] * 32512) >> 15);
        wd3 = wd3 > 12288 ? 12288 : wd3 < -12288 ? -12288 : wd3;
        this.ap[2] = wd3;
        // UPPOL1
        this.ap[1] = sat((sg0 === sg1 ? 192 : -192) + ((this.a[1] * 32640) >> 15));
        const limit = sat(15360 - this.ap[2]);
        if (this.ap[1] > limit)
            this.ap[1] = limit;
        else if (this.ap[1] < -limit)
            this.ap[1] = -limit;
        // UPZERO
        const step = d === 0 ? 0 : 128;
        const sgd = d >> 15;
        for (let i = 1; i < 7; i++) {
            const sign = this.d[i] >> 15;
            this.bp[i] = sat((sign === sgd ? step : -step) + ((this.b[i] * 32640) >> 15));
        }
        // DELAYA
        for (let i = 6; i > 0; i--) {
            this.d[i] = this.d[i - 1];
            this.b[i] = this.bp[i];
        }
        for (let i = 2; i > 0; i--) {
            this.r[i] = this.r[i - 1];
            this.p[i] = this.p[i - 1];
            this.a[i] = this.ap[i];
        }
        // FILTEP, FILTEZ, PREDIC
        const pole1 = (this.a[1] * sat(this.r[1] + this.r[1])) >> 15;
        const pole2 = (this.a[2] * sat(this.r[2] + this.r[2])) >> 15;
        this.sp = sat(pole1 + pole2);
        let sz = 0;
        for (let i = 6; i > 0; i--)
            sz += (this.b[i] * sat(this.d[i] + this.d[i])) >> 15;
        this.sz = sat(sz);
        this.s = sat(this.sp + this.sz);
    }
}
export class G722Encoder {
    low = new Band(32);
    high = new Band(8);
    x = new Int32Array(24);
    /** Encodes 16 kHz PCM (even length) to one byte per sample pair. */
    encode(pcm) {
        const out = new Uint8Array(pcm.length >> 1);
        const x = this.x;
        for (let j = 0, n = 0; n < out.length; n++) {
            x.copyWithin(0, 2);
            x[22] = pcm[j++];
            x[23] = pcm[j++];
            let sumOdd = 0;
            let sumEven = 0;
            for (let i = 0; i < 12; i++) {
                sumOdd += x[2 * i] * QMF[i];
                sumEven += x[2 * i + 1] * QMF[11 - i];
            }
            out[n] = (this.encodeHigh((sumEven - sumOdd) >> 14) << 6) | this.encodeLow((sumEven + sumOdd) >> 14);
        }
        return out;
    }
    encodeLow(xlow) {
        const band = this.low;
        const el = sat(xlow - band.s);
        const wd = el >= 0 ? el : -(el + 1);
        let i = 1;
        for (; i < 30; i++)
            if (wd < (Q6[i] * band.det) >> 12)
                break;
        const ilow = el < 0 ? ILN[i] : ILP[i];
        const ril = ilow >> 2;
        const dlow = (band.det * QM4[ril]) >> 15;
        band.scale(WL[RL42[ril]], 18432, 8);
        band.update(dlow);
        return ilow;
    }
    encodeHigh(xhigh) {
        const band = this.high;
        const eh = sat(xhigh - band.s);
        const wd = eh >= 0 ? eh : -(eh + 1);
        const mih = wd >= (564 * band.det) >> 12 ? 2 : 1;
        const ihigh = eh < 0 ? IHN[mih] : IHP[mih];
        const dhigh = (band.det * QM2[ihigh]) >> 15;
        band.scale(WH[RH2[ihigh]], 22528, 10);
        band.update(dhigh);
        return ihigh;
    }
}
export class G722Decoder {
    low = new Band(32);
    high = new Band(8);
    x = new Int32Array(24);
    /** Decodes bytes to 16 kHz PCM, two samples per byte. */
    decode(codes) {
        const out = new Int16Array(codes.length * 2);
        const x = this.x;
        for (let j = 0; j < codes.length; j++) {
            const code = codes[j];
            const rlow = this.decodeLow(code & 0x3f);
            const rhigh = this.decodeHigh((code >> 6) & 3);
            x.copyWithin(0, 2);
            x[22] = rlow + rhigh;
            x[23] = rlow - rhigh;
            let out1 = 0;
            let out2 = 0;
            for (let i = 0; i < 12; i++) {
                out2 += x[2 * i] * QMF[i];
                out1 += x[2 * i + 1] * QMF[11 - i];
            }
            out[2 * j] = sat(out1 >> 11);
            out[2 * j + 1] = sat(out2 >> 11);
        }
        return out;
    }
    decodeLow(ilow) {
        const band = this.low;
        let rlow = band.s + ((band.det * QM6[ilow]) >> 15);
        rlow = rlow > 16383 ? 16383 : rlow < -16384 ? -16384 : rlow;
        const ril = ilow >> 2;
        const dlow = (band.det * QM4[ril]) >> 15;
        band.scale(WL[RL42[ril]], 18432, 8);
        band.update(dlow);
        return rlow;
    }
    decodeHigh(ihigh) {
        const band = this.high;
        const dhigh = (band.det * QM2[ihigh]) >> 15;
        let rhigh = dhigh + band.s;
        rhigh = rhigh > 16383 ? 16383 : rhigh < -16384 ? -16384 : rhigh;
        band.scale(WH[RH2[ihigh]], 22528, 10);
        band.update(dhigh);
        return rhigh;
    }
}
//# sourceMappingURL=g722.js.map