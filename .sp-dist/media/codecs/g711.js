// G.711 µ-law and A-law (ITU-T G.711): table-driven encode/decode between 16-bit PCM and 8-bit codes.
const MULAW_DECODE = new Int16Array(256);
const ALAW_DECODE = new Int16Array(256);
const MULAW_ENCODE = new Uint8Array(65536);
const ALAW_ENCODE = new Uint8Array(65536);
function mulawDecodeOne(code) {
    const u = ~code & 0xff;
    const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
    return u & 0x80 ? 0x84 - t : t - 0x84;
}
function alawDecodeOne(code) {
    const a = code ^ 0x55;
    const exponent = (a & 0x70) >> 4;
    let t = (a & 0x0f) << 4;
    t = exponent === 0 ? t + 8 : (t + 0x108) << (exponent - 1);
    return a & 0x80 ? t : -t;
}
function mulawEncodeOne(sample) {
    const BIAS = 0x84;
    const CLIP = 32635;
    let sign = (sample >> 8) & 0x80;
    if (sign)
        sample = -sample;
    if (sample > CLIP)
        sample = CLIP;
    sample += BIAS;
    let exponent = 7;
    for (let mask = 0x4000; (sample & mask) === 0 && exponent > 0; mask >>= 1)
        exponent--;
    const mantissa = (sample >> (exponent + 3)) & 0x0f;
    return ~(sign | (exponent << 4) | mantissa) & 0xff;
}
function alawEncodeOne(sample) {
    let sign = 0x80;
    if (sample < 0) {
        sign = 0;
        sample = -sample - 1;
    }
    if (sample > 32767)
        sample = 32767;
    let code;
    if (sample < 256) {
        code = sample >> 4;
    }
    else {
        let exponent = 7;
        for (let mask = 0x4000; (sample & mask) === 0 && exponent > 1; mask >>= 1)
            exponent--;
        code = (exponent << 4) | ((sample >> (exponent + 3)) & 0x0f);
    }
    return (code | sign) ^ 0x55;
}
for (let i = 0; i < 256; i++) {
    MULAW_DECODE[i] = mulawDecodeOne(i);
    ALAW_DECODE[i] = alawDecodeOne(i);
}
for (let i = 0; i < 65536; i++) {
    const sample = i - 32768;
    MULAW_ENCODE[i] = mulawEncodeOne(sample);
    ALAW_ENCODE[i] = alawEncodeOne(sample);
}
export function mulawDecode(codes, out = new Int16Array(codes.length)) {
    for (let i = 0; i < codes.length; i++)
        out[i] = MULAW_DECODE[codes[i]];
    return out;
}
export function mulawEncode(samples, out = new Uint8Array(samples.length)) {
    for (let i = 0; i < samples.length; i++)
        out[i] = MULAW_ENCODE[samples[i] + 32768];
    return out;
}
export function alawDecode(codes, out = new Int16Array(codes.length)) {
    for (let i = 0; i < codes.length; i++)
        out[i] = ALAW_DECODE[codes[i]];
    return out;
}
export function alawEncode(samples, out = new Uint8Array(samples.length)) {
    for (let i = 0; i < samples.length; i++)
        out[i] = ALAW_ENCODE[samples[i] + 32768];
    return out;
}
//# sourceMappingURL=g711.js.map