// A one-shot timer to an absolute hrtime deadline with sub-millisecond precision that never blocks the
// event loop: a tiny worker thread sleeps to the deadline (Atomics.wait has ns resolution, setTimeout
// only 1 ms) and posts back. The pacing clock wakes through it up to 1,000 times a second, so the
// steady case costs no cross-thread wake-up: after firing, the worker already sleeps toward the
// expected next deadline (the last one + `interval`) and a set() to exactly that only confirms it.
// The worker costs no CPU while it sleeps and does not keep the process alive when nothing is set.
import { Worker } from 'node:worker_threads';

// Shared cells: control (Int32, bumped to wake the worker), due (BigInt64: 0n none, D > 0 a deadline
// set by the main thread, -S a speculative one the main thread has not confirmed yet), interval.
// Every transition of `due` is a compare-exchange, so a set() racing a firing is never lost or early:
// the worker posts only deadlines it claimed (D → 0n), and drops a speculation nobody confirmed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const control = new Int32Array(workerData, 0, 1);
const due = new BigInt64Array(workerData, 8, 1);
const interval = new BigInt64Array(workerData, 16, 1);
for (;;) {
  const generation = Atomics.load(control, 0);
  const cell = Atomics.load(due, 0);
  if (cell === 0n) { Atomics.wait(control, 0, generation); continue; }
  const deadline = cell < 0n ? -cell : cell;
  const left = deadline - process.hrtime.bigint();
  if (left > 0n) { Atomics.wait(control, 0, generation, Number(left) / 1e6); continue; }
  if (cell < 0n) { Atomics.compareExchange(due, 0, cell, 0n); continue; }
  if (Atomics.compareExchange(due, 0, cell, 0n) !== cell) continue;
  parentPort.postMessage(cell);
  const next = Atomics.load(interval, 0);
  if (next > 0n) Atomics.compareExchange(due, 0, 0n, -(cell + next));
}
`;

export class PreciseTimer {
  private readonly shared = new SharedArrayBuffer(24);
  private readonly control = new Int32Array(this.shared, 0, 1);
  private readonly due = new BigInt64Array(this.shared, 8, 1);
  private readonly interval = new BigInt64Array(this.shared, 16, 1);
  private worker: Worker | undefined;
  private callback: (() => void) | undefined;
  private deadline = 0n;

  /** `intervalNs`: the usual gap between consecutive deadlines (0n: no expectation). */
  constructor(intervalNs = 0n) {
    this.interval[0] = intervalNs;
  }

  /** Runs `callback` once at hrtime `deadlineNs` (at once if past); replaces any pending one. */
  setAt(callback: () => void, deadlineNs: bigint): void {
    const worker = this.ensureWorker();
    this.callback = callback;
    this.deadline = deadlineNs > 0n ? deadlineNs : 1n;
    worker.ref();
    // The worker is already sleeping toward this deadline: confirming it is enough.
    if (Atomics.compareExchange(this.due, 0, -this.deadline, this.deadline) === -this.deadline) return;
    this.publish(this.deadline);
  }

  clear(): void {
    this.callback = undefined;
    this.deadline = 0n;
    this.publish(0n);
    this.worker?.unref();
  }

  private publish(cell: bigint): void {
    Atomics.store(this.due, 0, cell);
    Atomics.add(this.control, 0, 1);
    Atomics.notify(this.control, 0);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.shared });
    worker.on('message', (deadline: bigint) => {
      if (deadline !== this.deadline || !this.callback) return; // superseded by a later set or clear
      const callback = this.callback;
      this.callback = undefined;
      this.deadline = 0n;
      worker.unref();
      callback();
    });
    worker.on('error', () => {
      // Cannot happen short of resource exhaustion; a fresh worker takes over the pending deadline.
      this.worker = undefined;
      const pending = this.callback;
      if (pending) this.setAt(pending, this.deadline);
    });
    this.worker = worker;
    return worker;
  }
}
