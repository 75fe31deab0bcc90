// The one pacing clock every MediaSession shares. The 20 ms period is split into slots (20 × 1 ms by
// default). A slot takes up to `slotCapacity` listeners before the next one opens (slots open in an
// order that keeps them evenly spaced: 0, 10, 5, 15, …), and once all are open each subscriber joins
// the least loaded: 1,000 calls send ~50 packets per ms instead of 1,000 at once, while 10 calls cost
// one wake-up per period, not 20. Each call's packets stay exactly one period apart. Deadlines are
// absolute hrtime (slot s of tick n is due at start + n × period + s × period / slots), so timer
// lateness never accumulates; after a stall a bounded catch-up runs, then the backlog is skipped.
// Wake-ups come from a PreciseTimer (a sleeping worker thread): setTimeout's 1 ms granularity would
// be jitter, and waiting out the last fraction on the main thread would block the event loop.
import { PreciseTimer } from './precise-timer.js';

// A slot due this close after the one just run goes with it rather than costing another wake-up.
const EARLY_TOLERANCE_NS = 20_000n;

export type TickListener = (tick: number, deadlineNs: bigint) => void;

export interface PacingClockOptions {
  periodMs?: number;
  /** Sub-ticks per period; subscribers are spread over them. 1 puts everyone on one tick. */
  slots?: number;
  /** Listeners a slot takes before the next slot opens (a MediaSession is two: send and receive). */
  slotCapacity?: number;
  /** Periods run back to back after a stall before the rest are skipped (no long bursts of packets). */
  maxCatchUpTicks?: number;
  /** Injectable for tests: monotonic time in ns, and a one-shot timer (fractional ms). */
  now?: () => bigint;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class PacingClock {
  readonly periodNs: bigint;
  readonly slots: number;
  private readonly slotNs: bigint;
  private readonly maxCatchUpSubTicks: number;
  private readonly now: () => bigint;
  private readonly setTimer: ((callback: () => void, delayMs: number) => unknown) | undefined;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly precise: PreciseTimer | undefined;
  private listeners = 0;
  // Per slot, phase 0 (sending) runs before phase 1 (receive work): a slot's packets leave first, so
  // the length of its receive work never moves its send times.
  private readonly table: [Set<TickListener>, Set<TickListener>][];
  private readonly load: number[];
  private readonly slotCapacity: number;
  private readonly openingOrder: number[];
  private startNs = 0n;
  private nextSub = 0; // the next sub-tick to run: tick × slots + slot
  private timer: unknown;
  private skipped = 0;
  private lateNsMax = 0n;

  constructor(options: PacingClockOptions = {}) {
    this.periodNs = BigInt(Math.round((options.periodMs ?? 20) * 1e6));
    this.slots = Math.max(1, Math.floor(options.slots ?? 20));
    this.slotNs = this.periodNs / BigInt(this.slots);
    this.table = Array.from({ length: this.slots }, () => [new Set<TickListener>(), new Set<TickListener>()]);
    this.load = new Array<number>(this.slots).fill(0);
    this.slotCapacity = Math.max(1, options.slotCapacity ?? 50);
    this.openingOrder = spreadOrder(this.slots);
    this.maxCatchUpSubTicks = (options.maxCatchUpTicks ?? 3) * this.slots;
    this.now = options.now ?? process.hrtime.bigint;
    this.setTimer = options.setTimer;
    this.precise = options.setTimer ? undefined : new PreciseTimer(this.slotNs);
    this.clearTimer = options.clearTimer ?? (() => this.precise?.clear());
  }

  /** The slot a new subscriber should join: the least loaded open slot with room, else the next
   *  slot to open, else (all open and full) the least loaded. */
  pickSlot(): number {
    let roomy = -1;
    let unopened = -1;
    let least = 0;
    for (const slot of this.openingOrder) {
      const load = this.load[slot]!;
      if (load > 0 && load < this.slotCapacity && (roomy < 0 || load < this.load[roomy]!)) roomy = slot;
      if (load === 0 && unopened < 0) unopened = slot;
      if (load < this.load[least]!) least = slot;
    }
    return roomy >= 0 ? roomy : unopened >= 0 ? unopened : least;
  }

  /** Runs `listener` every period in `slot`, in `phase` 0 (send) or 1 (after the slot's phase-0
   *  listeners); the clock runs while anyone listens. Returns the unsubscribe. */
  subscribe(listener: TickListener, phase: 0 | 1 = 0, slot = this.pickSlot()): () => void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slots) throw new RangeError(`no slot ${slot} of ${this.slots}`);
    const wrapped: TickListener = (tick, deadline) => listener(tick, deadline); // one function may join twice
    this.table[slot]![phase].add(wrapped);
    this.load[slot]!++;
    if (++this.listeners === 1) this.start();
    else if (this.load[slot] === 1) this.schedule(this.now()); // may now be the earliest slot due
    return () => {
      if (!this.table[slot]![phase].delete(wrapped)) return;
      this.load[slot]!--;
      if (--this.listeners === 0) this.stop();
    };
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** The absolute deadline of `slot` in tick n of the current run. */
  deadlineOf(tick: number, slot = 0): bigint {
    return this.startNs + BigInt(tick) * this.periodNs + BigInt(slot) * this.slotNs;
  }

  get stats(): { ticks: number; skipped: number; maxLateMs: number } {
    return { ticks: Math.floor(this.nextSub / this.slots), skipped: this.skipped, maxLateMs: Number(this.lateNsMax) / 1e6 };
  }

  private subDeadline(sub: number): bigint {
    return this.deadlineOf(Math.floor(sub / this.slots), sub % this.slots);
  }

  private start(): void {
    this.startNs = this.now();
    this.nextSub = 0;
    this.skipped = 0;
    this.lateNsMax = 0n;
    this.fire();
  }

  private stop(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private fire = (): void => {
    this.timer = undefined;
    let now = this.now();
    let ran = 0;
    while (this.subDeadline(this.nextSub) <= now + EARLY_TOLERANCE_NS) {
      if (ran === this.maxCatchUpSubTicks) {
        // Too far behind: drop the backlog instead of bursting; resume at the first sub-tick still
        // ahead, on the original grid.
        const ahead = Number((now - this.startNs) / this.slotNs) + 1;
        this.skipped += Math.round((ahead - this.nextSub) / this.slots);
        this.nextSub = ahead;
        break;
      }
      const sub = this.nextSub++;
      ran++;
      const slot = sub % this.slots;
      if (this.load[slot] === 0) continue;
      const deadline = this.subDeadline(sub);
      if (now > deadline && now - deadline > this.lateNsMax) this.lateNsMax = now - deadline;
      const tick = Math.floor(sub / this.slots);
      for (const phase of this.table[slot]!) {
        for (const listener of phase) {
          try {
            listener(tick, deadline);
          } catch {
            // a listener's failure must not stop the clock for every other call
          }
        }
      }
      now = this.now();
    }
    if (this.listeners > 0) this.schedule(now);
  };

  /** Sleeps until the next sub-tick that has listeners (empty ones need no wake-up). */
  private schedule(now: bigint): void {
    let sub = this.nextSub;
    for (let i = 0; i < this.slots && this.load[sub % this.slots] === 0; i++) sub++;
    const deadline = this.subDeadline(sub);
    if (this.precise) {
      this.precise.setAt(this.fire, deadline); // replaces any pending deadline
      this.timer = true;
      return;
    }
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer!(this.fire, Math.max(0, Number(deadline - now) / 1e6)) ?? true;
  }
}

/** The process-wide clock all MediaSessions pace on. */
export const sharedClock = new PacingClock();

/** Slots in the order they open, each next one as far as possible from those already open
 *  (bit-reversal, the van der Corput sequence): 0, 10, 5, 15, 2, 12, … for 20. */
function spreadOrder(slots: number): number[] {
  const bits = Math.max(1, Math.ceil(Math.log2(slots)));
  const order: number[] = [];
  for (let i = 0; i < 1 << bits; i++) {
    let reversed = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) reversed |= 1 << (bits - 1 - b);
    const slot = Math.floor((reversed * slots) / (1 << bits));
    if (!order.includes(slot)) order.push(slot);
  }
  for (let slot = 0; slot < slots; slot++) if (!order.includes(slot)) order.push(slot);
  return order;
}
