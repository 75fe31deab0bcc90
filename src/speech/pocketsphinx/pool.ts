// A pool of decoder processes sized to the cores. Sessions go to the least busy one; one that dies
// (a crash in native code included) fails only its own sessions (each gets 'error') and is replaced.
// It keeps no state between sessions: a session brings the cepstral mean to start from (its call's).
import type { Logger } from '../../log.js';
import { providerErrors } from '../../metrics.js';
import type { RecognitionContext, RecognitionResult } from '../types.js';
import { siblingModule, spawnEngineProcess, type EngineProcess } from '../worker-spawn.js';
import type { DecodeRole, FromWorker, ToWorker, WorkerSetup } from './protocol.js';

export interface SessionSink {
  partial(text: string): void;
  /** cepstralMean: the decoder's mean after a search that recognized something (the call may learn it). */
  final(result: RecognitionResult, score: number, frames: number, cepstralMean?: Float32Array): void;
  error(error: Error): void;
}

interface Slot {
  worker: EngineProcess<ToWorker, FromWorker>;
  sinks: Map<number, SessionSink>;
  ready: Promise<void>;
}

const WORKER_URL = siblingModule(import.meta.url, 'worker');

export class DecoderPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly setup: WorkerSetup,
    size: number,
    private readonly log?: Logger,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Resolves once every worker has loaded its first decoder; rejects if a worker cannot start. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  get size(): number {
    return this.slots.length;
  }

  /**
   * `awayFrom`: another session of the same turn; this one goes to a different process when there is one,
   * so the two decodes of a verified passcode run on two cores at once. `cepstralMean`: where the decoder's
   * CMN starts (the call's learned mean; both decodes of a turn get the same one), else the model's cmninit.
   */
  open(
    context: RecognitionContext, sink: SessionSink, options: { role?: DecodeRole; awayFrom?: number; cepstralMean?: Float32Array } = {},
  ): { id: number; send: (message: ToWorker) => void } {
    if (this.closing) throw new Error('speech recognizer is closed');
    if (this.slots.length === 0) throw new Error('no speech decoder process could start');
    const others = this.slots.filter((s) => options.awayFrom === undefined || !s.sinks.has(options.awayFrom));
    const slot = (others.length > 0 ? others : this.slots).reduce((best, candidate) => (candidate.sinks.size < best.sinks.size ? candidate : best));
    const id = this.nextId++;
    slot.sinks.set(id, sink);
    const send = (message: ToWorker) => {
      // After a crash the session's slot is gone: drop quietly, the sink already got 'error'.
      if (slot.sinks.has(id) || message.type === 'close') slot.worker.postMessage(message);
      if (message.type === 'close') slot.sinks.delete(id);
    };
    send({ type: 'open', id, context, role: options.role ?? 'search', ...(options.cepstralMean ? { cepstralMean: options.cepstralMean } : {}) });
    return { id, send };
  }

  /** For tests and operators: kills the process decoding session `id`, as a crash would. */
  async killWorkerOf(id: number): Promise<void> {
    const slot = this.slots.find((s) => s.sinks.has(id));
    if (slot) await slot.worker.terminate();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = spawnEngineProcess<ToWorker, FromWorker>(WORKER_URL, this.setup);
    const sinks = new Map<number, SessionSink>();
    let started = false;
    let resolveReady!: () => void;
    let rejectReady!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    ready.catch(() => undefined); // observed by ready(); replacements after a crash may never be awaited
    const slot: Slot = { worker, sinks, ready };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        started = true;
        resolveReady();
        return;
      }
      const sink = sinks.get(message.id);
      if (!sink) return;
      if (message.type === 'partial') sink.partial(message.text);
      else {
        sinks.delete(message.id);
        if (message.type === 'final') sink.final(message.result, message.score, message.frames, message.cepstralMean);
        else sink.error(new Error(message.message));
      }
    });
    worker.on('error', (error) => {
      this.log?.error({ err: error.message }, 'speech decoder process failed');
      if (!started) rejectReady(error);
    });
    worker.on('exit', (code) => {
      if (!started) rejectReady(new Error(`speech decoder process exited (${code}) during start-up`));
      const orphans = [...sinks.values()];
      sinks.clear();
      const index = this.slots.indexOf(slot);
      if (this.closing || index < 0) return;
      providerErrors.inc({ provider: 'pocketsphinx', kind: 'worker-crash' });
      this.log?.warn({ code, sessions: orphans.length }, 'speech decoder process died; replacing it');
      if (started) this.slots[index] = this.spawn();
      else this.slots.splice(index, 1);
      for (const sink of orphans) sink.error(new Error('speech decoder process crashed'));
    });
    return slot;
  }
}
