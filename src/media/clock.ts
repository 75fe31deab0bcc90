// The one pacing clock every MediaSession shares: a 20 ms tick against absolute hrtime deadlines
// (tick n is due at start + n × period, so timer lateness never accumulates), with a bounded catch-up
// after a stall and skipped ticks beyond it. 1,000 calls cost one timer, not 1,000 setTimeout chains.
// Fine wait defaults to 0.5 ms (bench/pacer-finewait.ts, 100 sessions, 2 contended cores, 2026-11-26):
// tick lateness p99 0.18 / 0.77 / 1.84 ms and main thread blocked 5.2 / 0.8 / 0 % for 1.5 / 0.5 / 0 ms.
// 0.5 keeps p99 under 1 ms (far below any peer's ≥ 20 ms jitter buffer) for a sixth of 1.5's blocking.

// Timers have 1 ms granularity: a wake-up this close to the deadline runs the tick rather than
// sleeping another whole millisecond (which would make every tick late by up to 1 ms).
const EARLY_TOLERANCE_NS = 500_000n;
const DEFAULT_FINE_WAIT_MS = 0.5;

export type TickListener = (tick: number, deadlineNs: bigint) => void;

export interface PacingClockOptions {
  periodMs?: number;
  /** Ticks run back to back after a stall before the rest are skipped (no long bursts of packets). */
  maxCatchUpTicks?: number;
  /** Injectable for tests: monotonic time in ns, and a one-shot timer. */
  now?: () => bigint;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Wake this long before a deadline and sleep the rest precisely (timers only have 1 ms
   *  granularity). The thread blocks for at most this long per tick; 0 disables. Default 0.5 ms
   *  with the real clock (see the header), 0 with an injected one. */
  fineWaitMs?: number;
}

export class PacingClock {
  readonly periodNs: bigint;
  private readonly maxCatchUpTicks: number;
  private readonly now: () => bigint;
  private readonly setTimer: NonNullable<PacingClockOptions['setTimer']>;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly listeners = new Set<TickListener>();
  // Phase 0 (sending) runs for every session before phase 1 (receive work): all packets leave early in
  // the tick, so a tick's length or a preemption part-way through it barely moves send times.
  private readonly phases = [new Set<TickListener>(), new Set<TickListener>()] as const;
  private startNs = 0n;
  private nextTick = 0;
  private timer: unknown;
  private skipped = 0;
  private lateNsMax = 0n;
  private blockedNs = 0n;
  private readonly fineWaitNs: bigint;
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));

  constructor(options: PacingClockOptions = {}) {
    this.periodNs = BigInt(Math.round((options.periodMs ?? 20) * 1e6));
    this.maxCatchUpTicks = options.maxCatchUpTicks ?? 3;
    this.now = options.now ?? process.hrtime.bigint;
    this.setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
    this.fineWaitNs = BigInt(Math.round((options.fineWaitMs ?? (options.now ? 0 : DEFAULT_FINE_WAIT_MS)) * 1e6));
  }

  /** Runs `listener` on every tick, in `phase` 0 (send) or 1 (after every phase-0 listener); the clock
   *  runs while anyone listens. Returns the unsubscribe. */
  subscribe(listener: TickListener, phase: 0 | 1 = 0): () => void {
    const wrapped: TickListener = (tick, deadline) => listener(tick, deadline); // one function may join both phases
    this.listeners.add(wrapped);
    this.phases[phase].add(wrapped);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(wrapped);
      this.phases[phase].delete(wrapped);
      if (this.listeners.size === 0) this.stop();
    };
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** The absolute deadline of tick n of the current run. */
  deadlineOf(tick: number): bigint {
    return this.startNs + BigInt(tick) * this.periodNs;
  }

  get ticksRun(): number {
    return this.nextTick;
  }

  /** blockedMs: time the thread spent in the fine wait (the event loop could not run meanwhile). */
  get stats(): { ticks: number; skipped: number; maxLateMs: number; blockedMs: number } {
    return { ticks: this.nextTick, skipped: this.skipped, maxLateMs: Number(this.lateNsMax) / 1e6, blockedMs: Number(this.blockedNs) / 1e6 };
  }

  private start(): void {
    this.startNs = this.now();
    this.nextTick = 0;
    this.skipped = 0;
    this.lateNsMax = 0n;
    this.blockedNs = 0n;
    this.fire();
  }

  private stop(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private fire = (): void => {
    this.timer = undefined;
    let now = this.now();
    const due = this.deadlineOf(this.nextTick);
    if (due > now && due - now <= this.fineWaitNs) {
      const before = now;
      Atomics.wait(this.sleeper, 0, 0, Number(due - now) / 1e6); // a precise sub-ms sleep, no spinning
      now = this.now();
      this.blockedNs += now - before;
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
      if (late > this.lateNsMax) this.lateNsMax = late;
      const tick = this.nextTick++;
      for (const phase of this.phases) {
        for (const listener of phase) {
          try {
            listener(tick, deadline);
          } catch {
            // a listener's failure must not stop the clock for every other call
          }
        }
      }
      ran++;
      now = this.now();
    }
    if (this.listeners.size === 0) return;
    const waitNs = this.deadlineOf(this.nextTick) - now - this.fineWaitNs;
    const delayMs = Math.max(0, Number(waitNs) / 1e6);
    this.timer = this.setTimer(this.fire, Math.floor(delayMs)) ?? true;
  };
}

/** The process-wide clock all MediaSessions pace on. */
export const sharedClock = new PacingClock();
