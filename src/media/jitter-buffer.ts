// Receive jitter buffer in RTP-timestamp units: reorders, drops duplicates and packets whose time has
// already been played, holds audio for a playout delay before playing, reports gaps for loss concealment,
// trims itself when the sender runs fast, and re-anchors on a new talkspurt after silence.
// The delay is slack against late packets, in time, not whole frames: playback starts once the head has
// waited (arrival clock) plus what is buffered behind it covers the delay. A stream plays continuously,
// so a smaller delay (setDelayTs) could never take effect by restarting: the buffer reports when every
// packet of the last second waited a frame longer than needed (shrinkDue) and the owner drops a quiet frame.

export interface JitterPacket {
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
  payload: Buffer;
}

export type JitterItem =
  | { kind: 'packet'; packet: JitterPacket }
  /** Audio for `durationTs` is missing (lost or not yet arrived at its play time): conceal it. */
  | { kind: 'gap'; durationTs: number }
  /** Nothing to play yet (buffering, or underrun): conceal, the buffer refills to its target first. */
  | { kind: 'empty' };

export type PushOutcome = 'queued' | 'duplicate' | 'late';

export interface JitterBufferOptions {
  /** Playout delay (slack against late packets) in RTP timestamp units. */
  delayTs: number;
  /** Depth beyond which the oldest audio is dropped (sender faster than us). */
  maxTs: number;
}

export interface JitterBufferCounters {
  duplicate: number;
  late: number;
  overflowDropped: number;
  underruns: number;
}

interface Entry {
  ts: number; // unwrapped timestamp
  seq: number; // unwrapped sequence number
  durationTs: number;
  arrival: number; // in timestamp units on the caller's arrival clock
  packet: JitterPacket;
}

/** Unwraps a modular counter to the value nearest `reference`. */
function unwrap(value: number, reference: number, modulus: number): number {
  const base = reference - (reference % modulus);
  let candidate = base + value;
  if (candidate - reference > modulus / 2) candidate -= modulus;
  else if (reference - candidate > modulus / 2) candidate += modulus;
  return candidate;
}

const RECENT_SEQS = 128;
const LATE_RUN_RESYNC = 10;
/** Packets over which the smallest wait is taken before shrinking: one second of 20 ms frames. */
const SHRINK_WINDOW = 50;

export class JitterBuffer {
  readonly counters: JitterBufferCounters = { duplicate: 0, late: 0, overflowDropped: 0, underruns: 0 };
  private readonly entries: Entry[] = [];
  private readonly recentSeqs = new Set<number>();
  private readonly recentOrder: number[] = [];
  private playing = false;
  private cursorTs: number | undefined; // next timestamp to play (unwrapped)
  private lastTs: number | undefined;
  private lastSeq: number | undefined;
  private lateRun = 0;
  private delayTs: number;
  private minWaitTs = Infinity;
  private waits = 0;

  constructor(private readonly options: JitterBufferOptions) {
    this.delayTs = options.delayTs;
  }

  /** New playout delay: a start uses it at once; a running stream shrinks towards it (shrinkDue). */
  setDelayTs(delayTs: number): void {
    this.delayTs = Math.min(delayTs, this.options.maxTs);
  }

  /** True when every packet of the last second waited at least one frame (`frameTs`) more than the delay. */
  shrinkDue(frameTs: number): boolean {
    return this.playing && this.waits >= SHRINK_WINDOW && this.minWaitTs - this.delayTs >= frameTs && this.entries[0]?.ts === this.cursorTs;
  }

  /** The owner dropped a frame to shrink the delay: measure the waits afresh. */
  restartWaits(): void {
    this.minWaitTs = Infinity;
    this.waits = 0;
  }

  /** Buffered span in timestamp units. */
  get depthTs(): number {
    const first = this.entries[0];
    const last = this.entries[this.entries.length - 1];
    return first && last ? last.ts + last.durationTs - first.ts : 0;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Forget everything (new SSRC, codec change). */
  reset(): void {
    this.entries.length = 0;
    this.recentSeqs.clear();
    this.recentOrder.length = 0;
    this.playing = false;
    this.cursorTs = this.lastTs = this.lastSeq = undefined;
  }

  /** `arrival`: when the packet came, in timestamp units of a local clock (0 everywhere: depth alone decides). */
  push(packet: JitterPacket, durationTs: number, arrival = 0): PushOutcome {
    const ts = this.lastTs === undefined ? packet.timestamp : unwrap(packet.timestamp, this.lastTs, 2 ** 32);
    const seq = this.lastSeq === undefined ? packet.sequenceNumber : unwrap(packet.sequenceNumber, this.lastSeq, 65536);
    if (this.recentSeqs.has(seq)) {
      this.counters.duplicate++;
      return 'duplicate';
    }
    if (this.cursorTs !== undefined && ts < this.cursorTs) {
      const silentBefore = this.entries.length === 0 && !this.playing;
      if (!silentBefore || !packet.marker) {
        this.counters.late++;
        // A run of "late" packets is no network delay: the sender's timestamps jumped back. Follow them.
        if (++this.lateRun < LATE_RUN_RESYNC) return 'late';
        this.reset();
      }
    }
    this.lateRun = 0;
    if (packet.marker && this.entries.length === 0) {
      // A new talkspurt after silence: play it from its own time, not the old stream's.
      this.playing = false;
      this.cursorTs = undefined;
    }
    this.remember(seq);
    this.lastTs = this.lastTs === undefined || ts > this.lastTs ? ts : this.lastTs;
    this.lastSeq = this.lastSeq === undefined || seq > this.lastSeq ? seq : this.lastSeq;
    const entry: Entry = { ts, seq, durationTs, arrival, packet };
    let index = this.entries.length;
    while (index > 0 && this.entries[index - 1]!.seq > seq) index--;
    this.entries.splice(index, 0, entry);
    this.trim();
    return 'queued';
  }

  /** The next piece of audio to play at `now` (arrival clock), at most `wantTs` long when it is a gap. */
  next(wantTs: number, now = 0): JitterItem {
    const head = this.entries[0];
    if (!this.playing) {
      if (!head || now - head.arrival + this.depthTs - head.durationTs < this.delayTs) return { kind: 'empty' };
      this.playing = true;
      this.cursorTs = head.ts;
      this.restartWaits();
    }
    if (!head) {
      this.playing = false;
      this.counters.underruns++;
      return { kind: 'empty' };
    }
    let cursor = this.cursorTs!;
    if (head.ts - cursor > this.options.maxTs) cursor = this.cursorTs = head.ts; // a timestamp leap: skip, don't conceal it all
    if (head.ts > cursor) {
      const gap = Math.min(head.ts - cursor, wantTs);
      this.cursorTs = cursor + gap;
      return { kind: 'gap', durationTs: gap };
    }
    this.entries.shift();
    this.cursorTs = head.ts + head.durationTs;
    this.noteWait(now - head.arrival);
    return { kind: 'packet', packet: head.packet };
  }

  /** Takes the head packet only if it is due now and exactly `durationTs` long (a whole frame). */
  peekPacketOf(durationTs: number, now = 0): JitterPacket | undefined {
    const head = this.entries[0];
    if (!this.playing || !head || head.durationTs !== durationTs || head.ts !== this.cursorTs) return undefined;
    this.entries.shift();
    this.cursorTs = head.ts + head.durationTs;
    this.noteWait(now - head.arrival);
    return head.packet;
  }

  private noteWait(waitTs: number): void {
    this.minWaitTs = Math.min(this.minWaitTs, waitTs);
    this.waits++;
  }

  private remember(seq: number): void {
    this.recentSeqs.add(seq);
    this.recentOrder.push(seq);
    if (this.recentOrder.length > RECENT_SEQS) this.recentSeqs.delete(this.recentOrder.shift()!);
  }

  private trim(): void {
    if (this.depthTs <= this.options.maxTs) return;
    while (this.entries.length > 1 && this.depthTs > this.delayTs + this.entries[0]!.durationTs) {
      this.entries.shift();
      this.counters.overflowDropped++;
    }
    if (this.playing) this.cursorTs = this.entries[0]!.ts;
  }
}
