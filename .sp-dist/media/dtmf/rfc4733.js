// RFC 4733 telephone-events: the payload format, a receiver that reports each digit once (despite
// updates and the three end-packet retransmits, and even when every end packet is lost), and a
// sender schedule (start with marker, updates ~every 50 ms, three end packets, one timestamp).
export const EVENT_DIGITS = '0123456789*#ABCD';
export function parseTelephoneEvent(payload) {
    if (payload.length < 4)
        return undefined;
    return {
        event: payload[0],
        end: (payload[1] & 0x80) !== 0,
        volume: payload[1] & 0x3f,
        duration: (payload[2] << 8) | payload[3],
    };
}
export function buildTelephoneEvent(event) {
    const payload = Buffer.alloc(4);
    payload[0] = event.event;
    payload[1] = (event.end ? 0x80 : 0) | (event.volume & 0x3f);
    payload.writeUInt16BE(Math.min(0xffff, event.duration), 2);
    return payload;
}
const REMEMBERED_EVENTS = 16;
const NOTHING = [];
export class Rfc4733Receiver {
    clockRate;
    open;
    finished = [];
    constructor(clockRate) {
        this.clockRate = clockRate;
    }
    /** Feeds one telephone-event packet; returns a digit the first time its event ends. */
    receive(timestamp, payload, nowMs) {
        const event = parseTelephoneEvent(payload);
        if (!event || event.event >= EVENT_DIGITS.length)
            return [];
        if (this.finished.includes(timestamp))
            return []; // retransmitted end packet or a late update
        const digits = [];
        if (this.open && this.open.timestamp !== timestamp)
            digits.push(this.close()); // its end packets were lost
        const digit = EVENT_DIGITS[event.event];
        if (!this.open)
            this.open = { timestamp, digit, duration: 0, lastSeenMs: nowMs };
        this.open.duration = Math.max(this.open.duration, event.duration);
        this.open.lastSeenMs = nowMs;
        if (event.end)
            digits.push(this.close());
        return digits;
    }
    /** Closes an event whose end never came, once its packets stopped for `silenceMs`. */
    expire(nowMs, silenceMs = 500) {
        return this.open && nowMs - this.open.lastSeenMs >= silenceMs ? [this.close()] : NOTHING;
    }
    close() {
        const open = this.open;
        this.open = undefined;
        this.finished.push(open.timestamp);
        if (this.finished.length > REMEMBERED_EVENTS)
            this.finished.shift();
        return { digit: open.digit, durationMs: Math.round((open.duration * 1000) / this.clockRate) };
    }
}
/** Per-tick schedule for sending one digit: `step` is called once per 20 ms pacing tick. */
export class Rfc4733Sender {
    clockRate;
    toneMs;
    pauseMs;
    updateMs;
    tickMs;
    started = false;
    elapsedMs = 0;
    lastUpdateMs = 0;
    endsSent = 0;
    event;
    constructor(digit, clockRate, toneMs = 100, pauseMs = 60, updateMs = 50, tickMs = 20) {
        this.clockRate = clockRate;
        this.toneMs = toneMs;
        this.pauseMs = pauseMs;
        this.updateMs = updateMs;
        this.tickMs = tickMs;
        const event = EVENT_DIGITS.indexOf(digit.toUpperCase());
        if (event < 0 || digit.length !== 1)
            throw new RangeError(`not a DTMF digit: ${JSON.stringify(digit)}`);
        this.event = event;
    }
    /** Whether the digit, with its trailing pause, is over. */
    get done() {
        return this.endsSent === 3 && this.elapsedMs >= this.toneMs + this.pauseMs;
    }
    /** Packets for this tick: the start (marker) on the first call, updates, then three end packets. */
    step() {
        const ts = (ms) => Math.round((ms * this.clockRate) / 1000);
        if (!this.started) {
            this.started = true;
            return [this.packet(false, ts(this.tickMs), true)];
        }
        this.elapsedMs += this.tickMs;
        if (this.endsSent < 3 && this.elapsedMs >= this.toneMs) {
            this.endsSent++;
            return [this.packet(true, ts(this.toneMs), false)];
        }
        if (this.endsSent === 0 && this.elapsedMs - this.lastUpdateMs >= this.updateMs) {
            this.lastUpdateMs = this.elapsedMs;
            return [this.packet(false, ts(this.elapsedMs), false)];
        }
        return [];
    }
    packet(end, duration, marker) {
        return { payload: buildTelephoneEvent({ event: this.event, end, volume: 10, duration }), marker };
    }
}
//# sourceMappingURL=rfc4733.js.map