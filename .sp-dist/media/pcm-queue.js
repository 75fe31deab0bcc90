export class PcmQueue {
    maxFrames;
    frames = [];
    wake;
    closed = false;
    constructor(maxFrames = 50) {
        this.maxFrames = maxFrames;
    }
    push(frame) {
        if (this.closed)
            return;
        this.frames.push(frame);
        if (this.frames.length > this.maxFrames)
            this.frames.shift();
        this.wake?.();
    }
    /** Ends the stream once queued frames are consumed. */
    close() {
        this.closed = true;
        this.wake?.();
    }
    get length() {
        return this.frames.length;
    }
    async *[Symbol.asyncIterator]() {
        for (;;) {
            const frame = this.frames.shift();
            if (frame) {
                yield frame;
                continue;
            }
            if (this.closed)
                return;
            await new Promise((resolve) => (this.wake = resolve));
            this.wake = undefined;
        }
    }
}
//# sourceMappingURL=pcm-queue.js.map