// Per-source receive statistics (RFC 3550 A.1, A.3, A.8): extended highest sequence number, cumulative
// and interval loss, interarrival jitter — the figures an RTCP report block carries.
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;
const SEQ_MOD = 65536;
export class ReceiveStats {
    clockRate;
    received = 0;
    baseSeq = 0;
    maxSeq = 0;
    cycles = 0;
    badSeq = SEQ_MOD + 1;
    started = false;
    expectedPrior = 0;
    receivedPrior = 0;
    transit;
    jitterScaled = 0; // jitter × 16, as in A.8
    constructor(clockRate) {
        this.clockRate = clockRate;
    }
    /** Records one packet; returns false for a sequence jump that looks like a restarted source.
     *  `arrivalMs` is omitted for packets whose timestamp is not a sampling instant (telephone-events). */
    update(sequenceNumber, timestamp, arrivalMs) {
        if (!this.started) {
            this.restart(sequenceNumber);
            this.started = true;
        }
        else {
            const delta = (sequenceNumber - this.maxSeq + SEQ_MOD) % SEQ_MOD;
            if (delta < MAX_DROPOUT) {
                if (sequenceNumber < this.maxSeq)
                    this.cycles += SEQ_MOD;
                this.maxSeq = sequenceNumber;
            }
            else if (delta <= SEQ_MOD - MAX_MISORDER) {
                if (sequenceNumber !== this.badSeq) {
                    this.badSeq = (sequenceNumber + 1) % SEQ_MOD;
                    return false;
                }
                this.restart(sequenceNumber); // two sequential packets: the source really restarted
            }
            // else: duplicate or reordered packet, counted below
        }
        this.received++;
        if (arrivalMs !== undefined)
            this.updateJitter(timestamp, arrivalMs);
        return true;
    }
    get extendedHighestSeq() {
        return this.cycles + this.maxSeq;
    }
    get expected() {
        return this.started ? this.extendedHighestSeq - this.baseSeq + 1 : 0;
    }
    /** Cumulative lost packets (negative with duplicates, as RFC 3550 allows). */
    get lost() {
        return this.expected - this.received;
    }
    get jitterTs() {
        return this.jitterScaled / 16;
    }
    get jitterMs() {
        return (this.jitterTs * 1000) / this.clockRate;
    }
    /** Figures for a report block; advances the interval used for the fraction lost. */
    reportBlock() {
        const expected = this.expected;
        const expectedInterval = expected - this.expectedPrior;
        const receivedInterval = this.received - this.receivedPrior;
        this.expectedPrior = expected;
        this.receivedPrior = this.received;
        const lostInterval = expectedInterval - receivedInterval;
        const fractionLost = expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);
        const cumulativeLost = Math.max(-0x800000, Math.min(0x7fffff, this.lost));
        return {
            fractionLost: Math.min(255, fractionLost),
            cumulativeLost,
            extendedHighestSeq: this.extendedHighestSeq >>> 0,
            jitter: Math.floor(this.jitterTs) >>> 0,
        };
    }
    restart(sequenceNumber) {
        this.baseSeq = sequenceNumber;
        this.maxSeq = sequenceNumber;
        this.badSeq = SEQ_MOD + 1;
        this.cycles = 0;
        this.received = 0;
        this.receivedPrior = 0;
        this.expectedPrior = 0;
    }
    updateJitter(timestamp, arrivalMs) {
        const arrival = (arrivalMs * this.clockRate) / 1000;
        const transit = arrival - timestamp;
        if (this.transit !== undefined) {
            let d = Math.abs(transit - this.transit);
            if (d > 2 ** 31)
                d = 2 ** 32 - d; // timestamp wrapped between the two packets
            this.jitterScaled += d - this.jitterScaled / 16;
        }
        this.transit = transit;
    }
}
//# sourceMappingURL=receive-stats.js.map