export const DTMF_LOW = [697, 770, 852, 941];
export const DTMF_HIGH = [1209, 1336, 1477, 1633];
export const DTMF_KEYPAD = ['123A', '456B', '789C', '*0#D'];
export function dtmfFrequencies(digit) {
    const key = digit.toUpperCase();
    for (let row = 0; row < 4; row++) {
        const col = DTMF_KEYPAD[row].indexOf(key);
        if (col >= 0 && key.length === 1)
            return [DTMF_LOW[row], DTMF_HIGH[col]];
    }
    throw new RangeError(`not a DTMF digit: ${JSON.stringify(digit)}`);
}
/** One digit's tone followed by its silent gap, as PCM. */
export function dtmfTonePcm(digit, options = {}) {
    const { sampleRate = 8000, toneMs = 100, gapMs = 60, amplitude = 6000 } = options;
    const [low, high] = dtmfFrequencies(digit);
    const toneSamples = Math.round((sampleRate * toneMs) / 1000);
    const pcm = new Int16Array(toneSamples + Math.round((sampleRate * gapMs) / 1000));
    for (let i = 0; i < toneSamples; i++) {
        const t = i / sampleRate;
        pcm[i] = Math.round(amplitude * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)));
    }
    return pcm;
}
/** A PcmSource playing `digits` in-band; throws RangeError up front on a non-DTMF character. */
export function dtmfToneSource(digits, options = {}) {
    const sampleRate = options.sampleRate ?? 8000;
    const chunks = [...digits].map((digit) => ({ samples: dtmfTonePcm(digit, options), sampleRate }));
    return (async function* () {
        yield* chunks;
    })();
}
//# sourceMappingURL=tones.js.map