// In-band DTMF detection (fallback when telephone-event was not negotiated): Goertzel energies of the
// eight Q.23 frequencies per 20 ms frame, with signal-energy, twist, in-group dominance and tone-purity
// checks, and a minimum duration of two frames; each digit is reported once, when it ends.
import { DTMF_HIGH, DTMF_KEYPAD, DTMF_LOW } from './tones.js';
const MIN_MEAN_POWER = 400 ** 2; // about -38 dBm0: quieter frames are never tones
const MAX_TWIST_DB = 8;
const DOMINANCE = 10 ** (6 / 10); // the chosen tone beats the others in its group by 6 dB
const MIN_PURITY = 0.75; // share of the frame's energy in the two tones (speech is broadband)
const MIN_FRAMES = 2;
function goertzelPower(frame, coefficient) {
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < frame.length; i++) {
        const s0 = frame[i] + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}
export class InbandDtmfDetector {
    sampleRate;
    lowCoefficients;
    highCoefficients;
    current;
    frames = 0;
    constructor(sampleRate = 8000) {
        this.sampleRate = sampleRate;
        const coefficient = (f) => 2 * Math.cos((2 * Math.PI * f) / sampleRate);
        this.lowCoefficients = DTMF_LOW.map(coefficient);
        this.highCoefficients = DTMF_HIGH.map(coefficient);
    }
    /** Feeds one frame (20 ms recommended); returns a digit when its tone has just ended. */
    process(frame) {
        const digit = this.classify(frame);
        if (digit === this.current) {
            if (digit)
                this.frames++;
            return undefined;
        }
        const ended = this.current && this.frames >= MIN_FRAMES
            ? { digit: this.current, durationMs: Math.round((this.frames * frame.length * 1000) / this.sampleRate) }
            : undefined;
        this.current = digit;
        this.frames = digit ? 1 : 0;
        return ended;
    }
    /** The digit whose tone pair fills this frame, if any. */
    classify(frame) {
        let energy = 0;
        for (let i = 0; i < frame.length; i++)
            energy += frame[i] * frame[i];
        if (energy / frame.length < MIN_MEAN_POWER)
            return undefined;
        const low = this.lowCoefficients.map((c) => goertzelPower(frame, c));
        const high = this.highCoefficients.map((c) => goertzelPower(frame, c));
        const row = strongest(low);
        const col = strongest(high);
        if (row < 0 || col < 0)
            return undefined;
        const lowPower = low[row];
        const highPower = high[col];
        const twistDb = 10 * Math.log10(highPower / lowPower);
        if (Math.abs(twistDb) > MAX_TWIST_DB)
            return undefined;
        const toneEnergy = (2 / frame.length) * (lowPower + highPower);
        if (toneEnergy / energy < MIN_PURITY)
            return undefined;
        return DTMF_KEYPAD[row][col];
    }
}
/** Index of the dominant value, or -1 when another comes within DOMINANCE of it. */
function strongest(powers) {
    let best = 0;
    for (let i = 1; i < powers.length; i++)
        if (powers[i] > powers[best])
            best = i;
    for (let i = 0; i < powers.length; i++)
        if (i !== best && powers[i] * DOMINANCE > powers[best])
            return -1;
    return best;
}
//# sourceMappingURL=goertzel.js.map