// Mapping between table rows and the store's types, and the call-list filter as SQL, shared by both
// backends (they differ only in placeholders and in how times are encoded).
import { StoreError, checkOutcome } from './common.js';
import type { CallbackEntry, CallEvent, CallFilter, CallSummary, VoiceMessage } from './store.js';

type Row = Record<string, any>;
export type DateCodec = { encode: (date: Date) => unknown; decode: (value: unknown) => Date };

const optional = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

export function summaryFromRow(row: Row, dates: DateCodec): CallSummary {
  return {
    id: row.id,
    startedAt: dates.decode(row.started_at),
    endedAt: row.ended_at === null ? undefined : dates.decode(row.ended_at),
    direction: row.direction,
    caller: row.caller,
    callee: row.callee,
    sipCallId: row.sip_call_id,
    outcome: row.outcome,
    identity: optional(row.identity),
    customerName: optional(row.customer_name),
    transferTarget: optional(row.transfer_target),
    recordingPath: optional(row.recording_path),
  };
}

export function eventFromRow(row: Row, dates: DateCodec): CallEvent {
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return { seq: Number(row.seq), at: dates.decode(row.at), type: row.type, data };
}

export function callbackFromRow(row: Row, dates: DateCodec): CallbackEntry {
  return {
    id: Number(row.id),
    callId: row.call_id,
    number: row.number,
    topic: row.topic,
    agent: optional(row.agent),
    createdAt: dates.decode(row.created_at),
    calledBackAt: row.called_back_at === null ? undefined : dates.decode(row.called_back_at),
  };
}

export function voiceMessageFromRow(row: Row, dates: DateCodec): VoiceMessage {
  return {
    id: Number(row.id),
    callId: row.call_id,
    number: row.number,
    path: row.path,
    durationMs: Number(row.duration_ms),
    createdAt: dates.decode(row.created_at),
  };
}

/** Digits and '+' of a typed number ("(555) 123-4567" → "5551234567"); other text is matched as typed. */
export function numberPattern(number: string): string {
  const compact = number.replace(/[\s().-]/g, '');
  const escaped = (/^\+?\d+$/.test(compact) ? compact : number.trim()).replace(/[\\%_]/g, (c) => `\\${c}`);
  return `%${escaped}%`;
}

export const MAX_LIMIT = 1000;

/** WHERE … ORDER BY … LIMIT … OFFSET … for listCalls; `param` adds a value and returns its placeholder. */
export function callFilterSql(filter: CallFilter, param: (value: unknown) => string, dates: DateCodec): string {
  const where: string[] = [];
  if (filter.number !== undefined && filter.number !== '') {
    const pattern = numberPattern(filter.number);
    where.push(`(caller LIKE ${param(pattern)} ESCAPE '\\' OR callee LIKE ${param(pattern)} ESCAPE '\\')`);
  }
  if (filter.outcome !== undefined) where.push(`outcome = ${param(checkOutcome(filter.outcome))}`);
  for (const [key, op] of [['since', '>='], ['until', '<']] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new StoreError(`${key}: expected a valid Date`);
    where.push(`started_at ${op} ${param(dates.encode(value))}`);
  }
  const limit = filter.limit ?? 100;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new StoreError(`limit: expected 1..${MAX_LIMIT}`);
  if (!Number.isInteger(offset) || offset < 0) throw new StoreError('offset: expected a whole number ≥ 0');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return `${clause} ORDER BY started_at DESC, id LIMIT ${limit} OFFSET ${offset}`;
}
