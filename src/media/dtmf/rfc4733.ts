// RFC 4733 telephone-events: the payload format, a receiver that reports each digit once (despite
// updates and the three end-packet retransmits, and even when every end packet is lost), and a
// sender schedule (start with marker, updates ~every 50 ms, three end packets, one timestamp).

export const EVENT_DIGITS = '0123456789*#ABCD';

export interface TelephoneEvent {
  event: number;
  end: boolean;
  volume: number;
  duration: number; // timestamp units
}

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}

export function buildTelephoneEvent(event: TelephoneEvent): Buffer {
  const payload = Buffer.alloc(4);
  payload[0] = event.event;
  payload[1] = (event.end ? 0x80 : 0) | (event.volume & 0x3f);
  payload.writeUInt16BE(Math.min(0xffff, event.duration), 2);
  return payload;
}

export interface ReceivedDigit {
  digit: string;
  durationMs: number;
}

const REMEMBERED_EVENTS = 16;
const NOTHING: readonly ReceivedDigit[] = [];

export class Rfc4733Receiver {
  private open: { timestamp: number; digit: string; duration: number; lastSeenMs: number } | undefined;
  private readonly finished: number[] = [];

  constructor(private readonly clockRate: number) {}

  /** Feeds one telephone-event packet; returns a digit the first time its event ends. */
  receive(timestamp: number, payload: Uint8Array, nowMs: number): ReceivedDigit[] {
    const event = parseTelephoneEvent(payload);
    if (!event || event.event >= EVENT_DIGITS.length) return [];
    if (this.finished.includes(timestamp)) return []; // retransmitted end packet or a late update
    const digits: ReceivedDigit[] = [];
    if (this.open && this.open.timestamp !== timestamp) digits.push(this.close()); // its end packets were lost
    const digit = EVENT_DIGITS[event.event]!;
    if (!this.open) this.open = { timestamp, digit, duration: 0, lastSeenMs: nowMs };
    this.open.duration = Math.max(this.open.duration, event.duration);
    this.open.lastSeenMs = nowMs;
    if (event.end) digits.push(this.close());
    return digits;
  }

  /** Closes an event whose end never came, once its packets stopped for `silenceMs`. */
  expire(nowMs: number, silenceMs = 500): readonly ReceivedDigit[] {
    return this.open && nowMs - this.open.lastSeenMs >= silenceMs ? [this.close()] : NOTHING;
  }

  private close(): ReceivedDigit {
    const open = this.open!;
    this.open = undefined;
    this.finished.push(open.timestamp);
    if (this.finished.length > REMEMBERED_EVENTS) this.finished.shift();
    return { digit: open.digit, durationMs: Math.round((open.duration * 1000) / this.clockRate) };
  }
}

export interface EventPacket {
  payload: Buffer;
  marker: boolean;
}

/** Per-tick schedule for sending one digit: `step` is called once per 20 ms pacing tick. */
export class Rfc4733Sender {
  private started = false;
  private elapsedMs = 0;
  private lastUpdateMs = 0;
  private endsSent = 0;
  private readonly event: number;

  constructor(
    digit: string,
    private readonly clockRate: number,
    private readonly toneMs = 100,
    private readonly pauseMs = 60,
    private readonly updateMs = 50,
    private readonly tickMs = 20,
  ) {
    const event = EVENT_DIGITS.indexOf(digit.toUpperCase());
    if (event < 0 || digit.length !== 1) throw new RangeError(`not a DTMF digit: ${JSON.stringify(digit)}`);
    this.event = event;
  }

  /** Whether the digit, with its trailing pause, is over. */
  get done(): boolean {
    return this.endsSent === 3 && this.elapsedMs >= this.toneMs + this.pauseMs;
  }

  /** Packets for this tick: the start (marker) on the first call, updates, then three end packets. */
  step(): EventPacket[] {
    const ts = (ms: number): number => Math.round((ms * this.clockRate) / 1000);
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

  private packet(end: boolean, duration: number, marker: boolean): EventPacket {
    return { payload: buildTelephoneEvent({ event: this.event, end, volume: 10, duration }), marker };
  }
}
