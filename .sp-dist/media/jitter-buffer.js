// Receive jitter buffer in RTP-timestamp units: reorders, drops duplicates and packets whose time has
// already been played, waits for a target depth before playing, reports gaps for loss concealment,
// trims itself when the sender runs fast, and re-anchors on a new talkspurt after silence.
/** Unwraps a modular counter to the value nearest `reference`. */
function unwrap(value, reference, modulus) {
    const base = reference - (reference % modulus);
    let candidate = base + value;
    if (candidate - reference > modulus / 2)
        candidate -= modulus;
    else if (reference - candidate > modulus / 2)
        candidate += modulus;
    return candidate;
}
const RECENT_SEQS = 128;
const LATE_RUN_RESYNC = 10;
export class JitterBuffer {
    options;
    counters = { duplicate: 0, late: 0, overflowDropped: 0, underruns: 0 };
    entries = [];
    recentSeqs = new Set();
    recentOrder = [];
    playing = false;
    cursorTs; // next timestamp to play (unwrapped)
    lastTs;
    lastSeq;
    lateRun = 0;
    constructor(options) {
        this.options = options;
    }
    /** Buffered span in timestamp units. */
    get depthTs() {
        const first = this.entries[0];
        const last = this.entries[this.entries.length - 1];
        return first && last ? last.ts + last.durationTs - first.ts : 0;
    }
    get size() {
        return this.entries.length;
    }
    /** Forget everything (new SSRC, codec change). */
    reset() {
        this.entries.length = 0;
        this.recentSeqs.clear();
        this.recentOrder.length = 0;
        this.playing = false;
        this.cursorTs = this.lastTs = this.lastSeq = undefined;
    }
    push(packet, durationTs) {
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
                if (++this.lateRun < LATE_RUN_RESYNC)
                    return 'late';
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
        const entry = { ts, seq, durationTs, packet };
        let index = this.entries.length;
        while (index > 0 && this.entries[index - 1].seq > seq)
            index--;
        this.entries.splice(index, 0, entry);
        this.trim();
        return 'queued';
    }
    /** The next piece of audio to play, at most `wantTs` long when it is a gap. */
    next(wantTs) {
        const head = this.entries[0];
        if (!this.playing) {
            if (!head || this.depthTs < this.options.targetTs)
                return { kind: 'empty' };
            this.playing = true;
            this.cursorTs = head.ts;
        }
        if (!head) {
            this.playing = false;
            this.counters.underruns++;
            return { kind: 'empty' };
        }
        let cursor = this.cursorTs;
        if (head.ts - cursor > this.options.maxTs)
            cursor = this.cursorTs = head.ts; // a timestamp leap: skip, don't conceal it all
        if (head.ts > cursor) {
            const gap = Math.min(head.ts - cursor, wantTs);
            this.cursorTs = cursor + gap;
            return { kind: 'gap', durationTs: gap };
        }
        this.entries.shift();
        this.cursorTs = head.ts + head.durationTs;
        return { kind: 'packet', packet: head.packet };
    }
    /** Takes the head packet only if it is due now and exactly `durationTs` long (a whole frame). */
    peekPacketOf(durationTs) {
        const head = this.entries[0];
        if (!this.playing || !head || head.durationTs !== durationTs || head.ts !== this.cursorTs)
            return undefined;
        this.entries.shift();
        this.cursorTs = head.ts + head.durationTs;
        return head.packet;
    }
    remember(seq) {
        this.recentSeqs.add(seq);
        this.recentOrder.push(seq);
        if (this.recentOrder.length > RECENT_SEQS)
            this.recentSeqs.delete(this.recentOrder.shift());
    }
    trim() {
        if (this.depthTs <= this.options.maxTs)
            return;
        while (this.entries.length > 1 && this.depthTs > this.options.targetTs) {
            this.entries.shift();
            this.counters.overflowDropped++;
        }
        if (this.playing)
            this.cursorTs = this.entries[0].ts;
    }
}
//# sourceMappingURL=jitter-buffer.js.map