import { Resampler } from './resample.js';
function isPcmChunk(value) {
    const chunk = value;
    return chunk?.samples instanceof Int16Array && Number.isInteger(chunk.sampleRate) && chunk.sampleRate > 0;
}
export class PlayQueue {
    rate;
    log;
    readAheadMs;
    items = [];
    closed = false;
    constructor(rate, log, readAheadMs = 200) {
        this.rate = rate;
        this.log = log;
        this.readAheadMs = readAheadMs;
    }
    get isPlaying() {
        return this.items.length > 0;
    }
    enqueue(source, options = {}) {
        if (this.closed)
            return Promise.resolve('hangup');
        let iterator;
        try {
            iterator = source[Symbol.asyncIterator]();
        }
        catch (error) {
            this.log.warn({ err: error }, 'play: source is not async-iterable');
            return Promise.resolve('finished');
        }
        return new Promise((resolve) => {
            const item = {
                iterator, interruptible: options.interruptible ?? true, resolve, chunks: [], offset: 0, buffered: 0,
                resampler: undefined, reading: false, done: false, cancelled: false, wake: undefined,
            };
            this.items.push(item);
            if (this.items.length === 1 || this.items[this.items.length - 2].done)
                void this.read(item);
        });
    }
    /** Exactly `count` samples of the next audio, or undefined when nothing is ready (send silence).
     *  The result may be a view into the source's own buffer: use it before the next take(). */
    take(count) {
        const head = this.items[0];
        if (!head || (head.buffered < count && !head.done))
            return undefined;
        const chunk = head.chunks[0];
        if (chunk && chunk.length - head.offset > count) {
            const view = chunk.subarray(head.offset, head.offset + count); // the common case: no copy
            head.offset += count;
            head.buffered -= count;
            head.wake?.();
            return view;
        }
        const frame = new Int16Array(count);
        let filled = 0;
        while (filled < count && this.items.length > 0) {
            const item = this.items[0];
            filled += this.drain(item, frame, filled);
            if (item.done && item.buffered === 0)
                this.finish(item, 'finished');
            else if (filled < count)
                break; // the next item is not ready: pad with silence
        }
        return frame;
    }
    /** Barge-in: drop every interruptible item, resolving it 'stopped'. */
    stop() {
        for (const item of [...this.items])
            if (item.interruptible)
                this.finish(item, 'stopped');
    }
    /** End of call: everything resolves 'hangup' and later plays resolve at once. */
    close() {
        this.closed = true;
        for (const item of [...this.items])
            this.finish(item, 'hangup');
    }
    /** The codec rate changed (re-INVITE): buffered audio at the old rate is dropped. */
    setRate(rate) {
        if (rate === this.rate)
            return;
        this.rate = rate;
        for (const item of this.items) {
            item.chunks = [];
            item.offset = item.buffered = 0;
            item.resampler = undefined;
        }
    }
    drain(item, frame, at) {
        let filled = 0;
        while (at + filled < frame.length && item.chunks.length > 0) {
            const chunk = item.chunks[0];
            const n = Math.min(chunk.length - item.offset, frame.length - at - filled);
            frame.set(chunk.subarray(item.offset, item.offset + n), at + filled);
            filled += n;
            item.offset += n;
            if (item.offset === chunk.length) {
                item.chunks.shift();
                item.offset = 0;
            }
        }
        item.buffered -= filled;
        item.wake?.();
        return filled;
    }
    finish(item, outcome) {
        const index = this.items.indexOf(item);
        if (index < 0)
            return;
        this.items.splice(index, 1);
        item.cancelled = outcome !== 'finished';
        item.wake?.();
        if (!item.done) {
            try {
                item.iterator.return?.().catch(() => undefined); // let generators run their cleanup
            }
            catch {
                // a hand-written iterator whose return() throws: nothing more to clean up
            }
        }
        item.resolve(outcome);
        const next = this.items[0];
        if (next && !next.reading)
            void this.read(next);
    }
    async read(item) {
        item.reading = true;
        const limit = () => (this.rate * this.readAheadMs) / 1000;
        try {
            while (!item.cancelled) {
                if (item.buffered >= limit()) {
                    await new Promise((resolve) => (item.wake = resolve));
                    item.wake = undefined;
                    continue;
                }
                const result = await item.iterator.next();
                if (item.cancelled || result.done)
                    break;
                if (!isPcmChunk(result.value))
                    throw new TypeError('play: source yielded something other than a PcmChunk');
                this.append(item, result.value);
            }
        }
        catch (error) {
            this.log.warn({ err: error }, 'play: source failed; treating it as finished');
        }
        if (item.cancelled)
            return;
        const tail = item.resampler?.flush();
        if (tail?.length)
            this.push(item, tail);
        item.done = true;
        const next = this.items[this.items.indexOf(item) + 1];
        if (next && !next.reading)
            void this.read(next); // read the next prompt ahead: no gap between prompts
        if (item.buffered === 0 && this.items[0] === item)
            this.finish(item, 'finished');
    }
    append(item, chunk) {
        if (chunk.sampleRate === this.rate) {
            this.push(item, chunk.samples);
            return;
        }
        if (!item.resampler || item.resampler.fromRate !== chunk.sampleRate || item.resampler.toRate !== this.rate) {
            item.resampler = new Resampler(chunk.sampleRate, this.rate);
        }
        this.push(item, item.resampler.process(chunk.samples));
    }
    push(item, samples) {
        if (samples.length === 0)
            return;
        item.chunks.push(samples);
        item.buffered += samples.length;
    }
}
//# sourceMappingURL=play-queue.js.map