// What both store backends share: input checks with clear errors, per-call event numbering, and the
// per-event-loop-turn batching of appended events (one transaction per batch, durable on resolve).
import { storeAppendLatency, storeErrors } from '../metrics.js';
import type { CallEvent, CallEventInput, CallOutcome, CallRecordStart, CallSummary } from './store.js';

export class StoreError extends Error {
  override name = 'StoreError';
}

export const OUTCOMES: readonly CallOutcome[] = [
  'in-progress', 'rejected-blocked', 'screening-failed', 'transferred', 'transfer-failed', 'waiting-list',
  'voice-message', 'caller-hangup', 'completed', 'timeout', 'interrupted', 'error',
];

export function isOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

function checkDate(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new StoreError(`${field}: expected a valid Date`);
  return value;
}

function checkText(value: unknown, field: string, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || (!optional && value === '')) throw new StoreError(`${field}: expected a non-empty string`);
}

export function checkStart(start: CallRecordStart): void {
  if (!start || typeof start !== 'object') throw new StoreError('call record: expected an object');
  checkText(start.id, 'id');
  checkDate(start.startedAt, 'startedAt');
  if (start.direction !== 'inbound' && start.direction !== 'outbound') throw new StoreError('direction: expected inbound or outbound');
  checkText(start.caller, 'caller');
  checkText(start.callee, 'callee', true);
  checkText(start.sipCallId, 'sipCallId', true);
}

export function checkOutcome(outcome: unknown): CallOutcome {
  if (!isOutcome(outcome)) throw new StoreError(`outcome: unknown value "${String(outcome)}"`);
  return outcome;
}

/** Validates an event and returns it with its time fixed and its data serialized. */
export function prepareEvent(callId: string, input: CallEventInput): { at: Date; type: string; json: string; data: Record<string, unknown> } {
  checkText(callId, 'callId');
  if (!input || typeof input !== 'object') throw new StoreError('event: expected an object');
  checkText(input.type, 'event.type');
  const at = input.at === undefined ? new Date() : checkDate(input.at, 'event.at');
  const data = input.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new StoreError('event.data: expected an object');
  let json: string;
  try {
    json = JSON.stringify(data);
  } catch (error) {
    throw new StoreError(`event.data: not serializable (${(error as Error).message})`);
  }
  return { at, type: input.type, json, data: JSON.parse(json) as Record<string, unknown> };
}

/** Summary fields an update may change, and their column names (same in both backends). */
export const SUMMARY_COLUMNS: Record<string, string> = {
  startedAt: 'started_at', endedAt: 'ended_at', direction: 'direction', caller: 'caller', callee: 'callee',
  sipCallId: 'sip_call_id', outcome: 'outcome', identity: 'identity', customerName: 'customer_name',
  transferTarget: 'transfer_target', recordingPath: 'recording_path',
};

/** Validates a summary patch; returns [column, value] pairs (Dates kept as Dates for the backend to encode). */
export function patchColumns(patch: Partial<Omit<CallSummary, 'id'>>): [string, unknown][] {
  if (!patch || typeof patch !== 'object') throw new StoreError('summary patch: expected an object');
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = SUMMARY_COLUMNS[key];
    if (!column) throw new StoreError(`summary patch: unknown field "${key}"`);
    if (key === 'startedAt' || key === 'endedAt') checkDate(value, key);
    else if (key === 'outcome') checkOutcome(value);
    else if (typeof value !== 'string') throw new StoreError(`${key}: expected a string`);
    out.push([column, value]);
  }
  return out;
}

/** Numbers each call's events 1, 2, 3…; the first event of a call not created here asks the backend. */
export class EventNumbers {
  private readonly last = new Map<string, number>();
  private readonly lookups = new Map<string, Promise<number | undefined>>();

  started(callId: string): void {
    this.last.set(callId, 0);
  }

  forget(callId: string): void {
    this.last.delete(callId);
  }

  /** `lookup` returns the highest stored seq (0 when none), or undefined when the call does not exist. */
  async next(callId: string, lookup: () => Promise<number | undefined>): Promise<number> {
    if (!this.last.has(callId)) {
      let pending = this.lookups.get(callId);
      if (!pending) {
        pending = lookup();
        this.lookups.set(callId, pending);
        pending.then(() => this.lookups.delete(callId), () => this.lookups.delete(callId));
      }
      const max = await pending;
      if (max === undefined) throw new StoreError(`unknown call "${callId}"`);
      if (!this.last.has(callId)) this.last.set(callId, max);
    }
    const seq = this.last.get(callId)! + 1;
    this.last.set(callId, seq);
    return seq;
  }
}

export interface PendingEvent {
  event: CallEvent;
  callId: string;
  json: string;
  resolve: (event: CallEvent) => void;
  reject: (error: Error) => void;
  queuedAt: number;
}

/**
 * Events written per transaction. SQLite writes on the event loop, so a flood is split across loop
 * turns: the media clock's timers run between chunks instead of waiting for one huge transaction.
 */
const MAX_BATCH = 250;

/** Collects appended events and writes them together once per event-loop turn. */
export class EventBatcher {
  private queue: PendingEvent[] = [];
  private scheduled = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (batch: PendingEvent[]) => Promise<unknown> | void,
    private readonly kind: string,
  ) {}

  add(callId: string, event: CallEvent, json: string): Promise<CallEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ callId, event, json, resolve, reject, queuedAt: performance.now() });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writeChunk();
      this.schedule();
    });
  }

  private writeChunk(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.inFlight = this.inFlight.then(async () => {
      try {
        await this.write(batch);
        const now = performance.now();
        for (const item of batch) {
          storeAppendLatency.observe({ store: this.kind }, (now - item.queuedAt) / 1000);
          item.resolve(item.event);
        }
      } catch (error) {
        storeErrors.inc({ store: this.kind }, batch.length);
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const item of batch) item.reject(failure);
      }
    });
  }

  /** Writes everything queued now; resolves when it is written. */
  flush(): Promise<void> {
    while (this.queue.length > 0) this.writeChunk();
    return this.inFlight;
  }
}

export function checkCallback(entry: { callId: string; number: string; topic: string; agent?: string; createdAt: Date }): void {
  if (!entry || typeof entry !== 'object') throw new StoreError('callback: expected an object');
  checkText(entry.callId, 'callId');
  checkText(entry.number, 'number');
  checkText(entry.topic, 'topic', true);
  checkText(entry.agent, 'agent', true);
  checkDate(entry.createdAt, 'createdAt');
}

export function checkVoiceMessage(message: { callId: string; number: string; path: string; durationMs: number; createdAt: Date }): void {
  if (!message || typeof message !== 'object') throw new StoreError('voice message: expected an object');
  checkText(message.callId, 'callId');
  checkText(message.number, 'number');
  checkText(message.path, 'path');
  if (!Number.isFinite(message.durationMs) || message.durationMs < 0) throw new StoreError('durationMs: expected a number ≥ 0');
  checkDate(message.createdAt, 'createdAt');
}

export function checkId(id: unknown): number {
  if (!Number.isSafeInteger(id) || (id as number) < 1) throw new StoreError(`id: expected a positive whole number, got ${String(id)}`);
  return id as number;
}
