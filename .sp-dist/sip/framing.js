// Cuts a TCP/TLS/WebSocket-less byte stream into SIP messages by Content-Length (RFC 3261 §18.3)
// and recognises RFC 5626 keep-alives: "\r\n\r\n" ping (answer "\r\n") and "\r\n" pong.
import { findHeaderEnd } from './parse.js';
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t\r]*$/im;
export class StreamFramer {
    // Received bytes live in store[start, end): appending copies only the new chunk and the store
    // grows by doubling, so byte-by-byte delivery stays linear.
    store = Buffer.alloc(0);
    start = 0;
    end = 0;
    failed;
    scanFrom = 0;
    maxBytes;
    constructor(limits = {}) {
        this.maxBytes = limits.maxBytes ?? 65536;
    }
    /** Bytes received but not yet part of a complete message. */
    get pending() {
        return this.end - this.start;
    }
    push(chunk) {
        if (this.failed)
            return [{ kind: 'error', error: this.failed }];
        this.append(chunk);
        const events = [];
        for (;;) {
            const event = this.next();
            if (!event)
                break;
            events.push(event);
            if (event.kind === 'error') {
                this.failed = event.error;
                this.store = Buffer.alloc(0);
                this.start = this.end = 0;
                break;
            }
        }
        return events;
    }
    append(chunk) {
        if (this.end + chunk.length > this.store.length) {
            const live = this.end - this.start;
            const next = Buffer.allocUnsafe(Math.max(1024, (live + chunk.length) * 2));
            this.store.copy(next, 0, this.start, this.end);
            this.store = next;
            this.start = 0;
            this.end = live;
        }
        chunk.copy(this.store, this.end);
        this.end += chunk.length;
    }
    get buffer() {
        return this.store.subarray(this.start, this.end);
    }
    consume(bytes) {
        this.start += bytes;
        this.scanFrom = 0;
        if (this.start === this.end)
            this.start = this.end = 0;
    }
    next() {
        const b = this.buffer;
        if (b.length === 0)
            return undefined;
        if (b[0] === 0x0d || b[0] === 0x0a)
            return this.keepAlive();
        const end = findHeaderEnd(b, this.scanFrom);
        if (!end) {
            // Resume the search near the tail next time, so byte-by-byte delivery stays linear.
            this.scanFrom = Math.max(0, b.length - 3);
            return b.length > this.maxBytes ? { kind: 'error', error: 'message too large' } : undefined;
        }
        this.scanFrom = 0;
        const match = CONTENT_LENGTH.exec(b.toString('latin1', 0, end.headers));
        if (!match)
            return { kind: 'error', error: 'missing Content-Length' };
        const total = end.body + Number(match[1]);
        if (total > this.maxBytes)
            return { kind: 'error', error: 'message too large' };
        if (b.length < total)
            return undefined;
        const data = Buffer.from(b.subarray(0, total));
        this.consume(total);
        return { kind: 'message', data };
    }
    keepAlive() {
        const b = this.buffer;
        if (b.length >= 4 && b[1] === 0x0a && b[2] === 0x0d && b[3] === 0x0a && b[0] === 0x0d) {
            this.consume(4);
            return { kind: 'ping' };
        }
        if (b.length >= 2 && b[0] === 0x0d && b[1] === 0x0a) {
            // A lone CRLF is a pong, unless it may be the first half of a ping still in flight.
            if (b.length === 3 && b[2] === 0x0d)
                return undefined;
            this.consume(2);
            return { kind: 'pong' };
        }
        if (b[0] === 0x0a) {
            // Bare LFs between messages are tolerated and dropped.
            let i = 0;
            while (i < b.length && b[i] === 0x0a)
                i++;
            this.consume(i);
            return this.next();
        }
        return b.length >= 2 ? { kind: 'error', error: 'stray carriage return' } : undefined;
    }
}
//# sourceMappingURL=framing.js.map