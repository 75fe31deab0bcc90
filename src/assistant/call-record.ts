// One call's record in the store: writes are queued in order and a store failure is logged, never
// thrown, so a broken database cannot drop a caller. Everything the record holds passes through here.
import type { CallEventInput, CallOutcome, CallRecordStart, CallStore, CallSummary } from '../store/store.js';
import type { Logger } from '../log.js';

export class CallRecord {
  private queue: Promise<void> = Promise.resolve();
  private finished = false;

  constructor(
    private readonly store: CallStore,
    readonly id: string,
    private readonly log: Logger,
  ) {}

  private enqueue(what: string, write: () => Promise<unknown>): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        await write();
      } catch (error) {
        this.log.error({ err: error, what }, 'call record write failed');
      }
    });
    return this.queue;
  }

  create(start: Omit<CallRecordStart, 'id'>): Promise<void> {
    return this.enqueue('create', () => this.store.createCall({ id: this.id, ...start }));
  }

  event(type: string, data: Record<string, unknown>): Promise<void> {
    const event: CallEventInput = { type, at: new Date(), data };
    return this.enqueue(type, () => this.store.appendEvent(this.id, event));
  }

  summary(patch: Partial<Omit<CallSummary, 'id'>>): Promise<void> {
    return this.enqueue('summary', () => this.store.updateSummary(this.id, patch));
  }

  finish(outcome: CallOutcome): Promise<void> {
    if (this.finished) return this.queue;
    this.finished = true;
    return this.enqueue('finish', () => this.store.finishCall(this.id, outcome, new Date()));
  }

  /** Resolves when every write so far has been attempted. */
  flushed(): Promise<void> {
    return this.queue;
  }
}
