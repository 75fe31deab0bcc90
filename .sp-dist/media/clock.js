// The one pacing clock every MediaSession shares: a 20 ms tick against absolute hrtime deadlines
// (tick n is due at start + n × period, so timer lateness never accumulates), with a bounded catch-up
// after a stall and skipped ticks beyond it. 1,000 calls cost one timer, not 1,000 setTimeout chains.
// Timers have 1 ms granularity: a wake-up this close to the deadline runs the tick rather than
// sleeping another whole millisecond (which would make every tick late by up to 1 ms).
const EARLY_TOLERANCE_NS = 500000n;
export class PacingClock {
    periodNs;
    maxCatchUpTicks;
    now;
    setTimer;
    clearTimer;
    listeners = new Set();
    // Phase 0 (sending) runs for every session before phase 1 (receive work): all packets leave early in
    // the tick, so a tick's length or a preemption part-way through it barely moves send times.
    phases = [new Set(), new Set()];
    startNs = 0n;
    nextTick = 0;
    timer;
    skipped = 0;
    lateNsMax = 0n;
    fineWaitNs;
    sleeper = new Int32Array(new SharedArrayBuffer(4));
    constructor(options = {}) {
        this.periodNs = BigInt(Math.round((options.periodMs ?? 20) * 1e6));
        this.maxCatchUpTicks = options.maxCatchUpTicks ?? 3;
        this.now = options.now ?? process.hrtime.bigint;
        this.setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
        this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle));
        this.fineWaitNs = BigInt(Math.round((options.fineWaitMs ?? (options.now ? 0 : 1.5)) * 1e6));
    }
    /** Runs `listener` on every tick, in `phase` 0 (send) or 1 (after every phase-0 listener); the clock
     *  runs while anyone listens. Returns the unsubscribe. */
    subscribe(listener, phase = 0) {
        const wrapped = (tick, deadline) => listener(tick, deadline); // one function may join both phases
        this.listeners.add(wrapped);
        this.phases[phase].add(wrapped);
        if (this.listeners.size === 1)
            this.start();
        return () => {
            this.listeners.delete(wrapped);
            this.phases[phase].delete(wrapped);
            if (this.listeners.size === 0)
                this.stop();
        };
    }
    get running() {
        return this.timer !== undefined;
    }
    /** The absolute deadline of tick n of the current run. */
    deadlineOf(tick) {
        return this.startNs + BigInt(tick) * this.periodNs;
    }
    get ticksRun() {
        return this.nextTick;
    }
    get stats() {
        return { ticks: this.nextTick, skipped: this.skipped, maxLateMs: Number(this.lateNsMax) / 1e6 };
    }
    start() {
        this.startNs = this.now();
        this.nextTick = 0;
        this.skipped = 0;
        this.lateNsMax = 0n;
        this.fire();
    }
    stop() {
        if (this.timer !== undefined)
            this.clearTimer(this.timer);
        this.timer = undefined;
    }
    fire = () => {
        this.timer = undefined;
        let now = this.now();
        const due = this.deadlineOf(this.nextTick);
        if (due > now && due - now <= this.fineWaitNs) {
            Atomics.wait(this.sleeper, 0, 0, Number(due - now) / 1e6); // a precise sub-ms sleep, no spinning
            now = this.now();
        }
        let ran = 0;
        while (this.deadlineOf(this.nextTick) <= now + EARLY_TOLERANCE_NS) {
            if (ran === this.maxCatchUpTicks) {
                // Too far behind: drop the backlog instead of bursting; stay on the original grid.
                const behind = Number((now - this.deadlineOf(this.nextTick)) / this.periodNs) + 1;
                this.nextTick += behind;
                this.skipped += behind;
                break;
            }
            const deadline = this.deadlineOf(this.nextTick);
            const late = now > deadline ? now - deadline : 0n;
            if (late > this.lateNsMax)
                this.lateNsMax = late;
            const tick = this.nextTick++;
            for (const phase of this.phases) {
                for (const listener of phase) {
                    try {
                        listener(tick, deadline);
                    }
                    catch {
                        // a listener's failure must not stop the clock for every other call
                    }
                }
            }
            ran++;
            now = this.now();
        }
        if (this.listeners.size === 0)
            return;
        const waitNs = this.deadlineOf(this.nextTick) - now - this.fineWaitNs;
        const delayMs = Math.max(0, Number(waitNs) / 1e6);
        this.timer = this.setTimer(this.fire, Math.floor(delayMs)) ?? true;
    };
}
/** The process-wide clock all MediaSessions pace on. */
export const sharedClock = new PacingClock();
//# sourceMappingURL=clock.js.map