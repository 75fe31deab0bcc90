// Packet loss concealment for codecs without their own: replay the last good 10 ms, fading out over
// ~60 ms so a long gap becomes silence instead of a buzzing loop.
const FADE_FRAMES = 3;
export class FadingConcealer {
    sampleRate;
    history;
    filled = false;
    concealedSamples = 0;
    constructor(sampleRate) {
        this.sampleRate = sampleRate;
        this.history = new Int16Array(Math.round(sampleRate / 100));
    }
    /** Remember good audio (call with every decoded frame). */
    learn(samples) {
        this.concealedSamples = 0;
        if (samples.length >= this.history.length) {
            this.history.set(samples.subarray(samples.length - this.history.length));
        }
        else {
            this.history.copyWithin(0, samples.length);
            this.history.set(samples, this.history.length - samples.length);
        }
        this.filled = true;
    }
    conceal(count) {
        const out = new Int16Array(count);
        if (!this.filled)
            return out;
        const period = this.history.length;
        const fadeLength = (this.sampleRate * 20 * FADE_FRAMES) / 1000;
        for (let i = 0; i < count; i++) {
            const position = this.concealedSamples + i;
            if (position >= fadeLength)
                break;
            const gain = 1 - position / fadeLength;
            out[i] = Math.round(this.history[position % period] * gain);
        }
        this.concealedSamples += count;
        return out;
    }
}
//# sourceMappingURL=plc.js.map