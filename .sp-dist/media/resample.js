// Streaming sample-rate conversion between any two rates with a rational ratio (8, 16, 24, 44.1,
// 48 kHz…): polyphase Kaiser-windowed-sinc FIR whose cutoff sits below the lower Nyquist (anti-aliasing),
// state kept across chunks so chunk boundaries are seamless. Equal rates pass through untouched.
const KAISER_BETA = 8.6; // about 85 dB of stopband attenuation
const PASSBAND = 0.92; // cutoff as a fraction of the lower Nyquist frequency
function besselI0(x) {
    let sum = 1;
    let term = 1;
    for (let k = 1; k < 40; k++) {
        term *= (x / (2 * k)) ** 2;
        sum += term;
        if (term < sum * 1e-12)
            break;
    }
    return sum;
}
function gcd(a, b) {
    while (b)
        [a, b] = [b, a % b];
    return a;
}
const filterCache = new Map();
function designFilter(fromRate, toRate, halfTaps) {
    const key = `${fromRate}:${toRate}:${halfTaps}`;
    const cached = filterCache.get(key);
    if (cached)
        return cached;
    const g = gcd(fromRate, toRate);
    const up = toRate / g;
    const down = fromRate / g;
    const ratio = Math.min(1, toRate / fromRate);
    const cutoff = 0.5 * ratio * PASSBAND; // cycles per input sample
    const half = Math.ceil(halfTaps / ratio);
    const norm = besselI0(KAISER_BETA);
    const phases = [];
    for (let p = 0; p < up; p++) {
        const frac = p / up;
        const taps = new Float32Array(2 * half);
        let sum = 0;
        for (let j = 0; j < 2 * half; j++) {
            const t = j - half + 1 - frac; // input index minus output position
            const x = 2 * cutoff * t;
            const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            const r = t / half;
            const window = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / norm;
            taps[j] = 2 * cutoff * sinc * window;
            sum += taps[j];
        }
        for (let j = 0; j < taps.length; j++)
            taps[j] /= sum; // exact unity gain at DC for every phase
        phases.push(taps);
    }
    const filter = { up, down, half, phases };
    filterCache.set(key, filter);
    return filter;
}
export class Resampler {
    fromRate;
    toRate;
    filter;
    buffer;
    have;
    position = 0; // next output position, in 1/L input samples from buffer start
    constructor(fromRate, toRate, halfTaps = 24) {
        this.fromRate = fromRate;
        this.toRate = toRate;
        if (!(fromRate > 0 && toRate > 0 && Number.isInteger(fromRate) && Number.isInteger(toRate))) {
            throw new RangeError(`resampler rates must be positive integers, got ${fromRate} → ${toRate}`);
        }
        this.filter = fromRate === toRate ? undefined : designFilter(fromRate, toRate, halfTaps);
        const half = this.filter?.half ?? 0;
        this.buffer = new Float32Array(Math.max(1024, 4 * half));
        this.have = Math.max(0, half - 1); // zero history, so the first output is centred on the first input sample
        if (this.filter)
            this.position = (half - 1) * this.filter.up;
    }
    /** Converts the next chunk; output length follows the ratio, give or take one sample per chunk. */
    process(input) {
        if (!this.filter)
            return input;
        this.append(input);
        return this.drain();
    }
    /** Emits what is still held back by the filter's look-ahead (end of stream). */
    flush() {
        if (!this.filter)
            return new Int16Array(0);
        this.append(new Int16Array(this.filter.half));
        return this.drain();
    }
    append(input) {
        if (this.have + input.length > this.buffer.length) {
            const grown = new Float32Array(Math.max(this.buffer.length * 2, this.have + input.length));
            grown.set(this.buffer.subarray(0, this.have));
            this.buffer = grown;
        }
        for (let i = 0; i < input.length; i++)
            this.buffer[this.have + i] = input[i];
        this.have += input.length;
    }
    drain() {
        const { up, down, half, phases } = this.filter;
        const available = Math.max(0, Math.floor(((this.have - half) * up - 1 - this.position) / down) + 1);
        const out = new Int16Array(available);
        const buffer = this.buffer;
        let position = this.position;
        for (let n = 0; n < available; n++) {
            const i = Math.floor(position / up);
            const taps = phases[position - i * up];
            const start = i - half + 1;
            let acc = 0;
            for (let j = 0; j < taps.length; j++)
                acc += buffer[start + j] * taps[j];
            out[n] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
            position += down;
        }
        const drop = Math.max(0, Math.floor(position / up) - half + 1);
        buffer.copyWithin(0, drop, this.have);
        this.have -= drop;
        this.position = position - drop * up;
        return out;
    }
}
//# sourceMappingURL=resample.js.map