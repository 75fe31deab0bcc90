// The PostgreSQL store (node-postgres), used when DATABASE_URL / operations.databaseUrl is set. Writes
// go through one ordered chain (a call's row is written before its events); events appended in the
// same event-loop turn are inserted by one statement, committed before the promise resolves.
import pg from 'pg';
import type { Logger } from '../log.js';
import {
  EventBatcher, EventNumbers, StoreError, checkCallback, checkId, checkOutcome, checkStart, checkVoiceMessage,
  patchColumns, prepareEvent, type PendingEvent,
} from './common.js';
import { callFilterSql, callbackFromRow, eventFromRow, summaryFromRow, voiceMessageFromRow, type DateCodec } from './rows.js';
import { postgresMigrations } from './postgres-migrations.js';
import type { CallEvent, CallEventInput, CallFilter, CallOutcome, CallRecordStart, CallStore, CallSummary, CallbackEntry, VoiceMessage } from './store.js';

export interface PostgresOptions {
  url: string;
  logger?: Logger;
  maxConnections?: number;
  /** Read records without migrating or touching them (the CLI beside a running server). */
  readOnly?: boolean;
}

const dates: DateCodec = {
  encode: (date) => date,
  decode: (value) => (value instanceof Date ? value : new Date(String(value))),
};
/** Any fixed number: serializes schema migrations between processes sharing one database. */
const MIGRATION_LOCK = 7_245_001;

export class PostgresStore implements CallStore {
  readonly kind = 'postgres';
  private pool: pg.Pool | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly numbers = new EventNumbers();
  private readonly batcher = new EventBatcher((batch) => this.writeEvents(batch), 'postgres');

  constructor(private readonly options: PostgresOptions) {}

  private get db(): pg.Pool {
    if (!this.pool) throw new StoreError('store is not open');
    return this.pool;
  }

  /** Runs writes one after another, in the order they were asked for. */
  private write<T>(work: () => Promise<T>): Promise<T> {
    const result = this.writes.then(work);
    this.writes = result.catch(() => undefined);
    return result;
  }

  async open(): Promise<void> {
    const pool = new pg.Pool({ connectionString: this.options.url, max: this.options.maxConnections ?? 4 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (error) => this.options.logger?.warn({ err: error.message }, 'postgres connection lost'));
    this.pool = pool;
    if (this.options.readOnly) return;
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)');
      const current = Number((await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')).rows[0].v);
      for (const migration of postgresMigrations.filter((m) => m.version > current)) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [migration.version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        this.options.logger?.info({ version: migration.version }, 'postgres migration applied');
      }
      const interrupted = await this.markInterrupted(client);
      if (interrupted > 0) this.options.logger?.warn({ interrupted }, 'calls left in progress by a previous process marked interrupted');
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  private async markInterrupted(client: pg.PoolClient): Promise<number> {
    await client.query('BEGIN');
    try {
      await client.query(
        `INSERT INTO events (call_id, seq, at, type, data)
         SELECT c.id, COALESCE((SELECT MAX(seq) FROM events e WHERE e.call_id = c.id), 0) + 1, now(), 'state',
                '{"state":"interrupted","reason":"the process ended before the call was closed"}'::jsonb
         FROM calls c WHERE c.outcome = 'in-progress'`,
      );
      const result = await client.query(
        `UPDATE calls SET outcome = 'interrupted',
           ended_at = COALESCE((SELECT MAX(at) FROM events e WHERE e.call_id = calls.id AND e.type <> 'state'), started_at)
         WHERE outcome = 'in-progress'`,
      );
      await client.query('COMMIT');
      return result.rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  async createCall(start: CallRecordStart): Promise<void> {
    checkStart(start);
    this.numbers.started(start.id);
    try {
      await this.write(() =>
        this.db.query(
          `INSERT INTO calls (id, started_at, direction, caller, callee, sip_call_id, outcome)
           VALUES ($1, $2, $3, $4, $5, $6, 'in-progress')`,
          [start.id, start.startedAt, start.direction, start.caller, start.callee ?? '', start.sipCallId ?? ''],
        ),
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new StoreError(`call "${start.id}" already exists`);
      this.numbers.forget(start.id);
      throw error;
    }
  }

  async appendEvent(callId: string, input: CallEventInput): Promise<CallEvent> {
    const { at, type, json, data } = prepareEvent(callId, input);
    const seq = await this.numbers.next(callId, () => this.maxSeq(callId));
    return this.batcher.add(callId, { seq, at, type, data }, json);
  }

  private async maxSeq(callId: string): Promise<number | undefined> {
    await this.writes; // a call created just before is visible
    const { rows } = await this.db.query(
      'SELECT EXISTS (SELECT 1 FROM calls WHERE id = $1) AS found, (SELECT MAX(seq) FROM events WHERE call_id = $1) AS max',
      [callId],
    );
    return rows[0].found ? Number(rows[0].max ?? 0) : undefined;
  }

  private writeEvents(batch: PendingEvent[]): Promise<unknown> {
    const columns: [string[], number[], Date[], string[], string[]] = [[], [], [], [], []];
    for (const { callId, event, json } of batch) {
      columns[0].push(callId);
      columns[1].push(event.seq);
      columns[2].push(event.at);
      columns[3].push(event.type);
      columns[4].push(json);
    }
    return this.write(() =>
      this.db.query(
        `INSERT INTO events (call_id, seq, at, type, data)
         SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::jsonb[])`,
        columns,
      ),
    );
  }

  async updateSummary(callId: string, patch: Partial<Omit<CallSummary, 'id'>>): Promise<void> {
    const columns = patchColumns(patch);
    if (columns.length === 0) return;
    const sets = columns.map(([column], i) => `${column} = $${i + 1}`).join(', ');
    const values = [...columns.map(([, value]) => value), callId];
    const result = await this.write(() => this.db.query(`UPDATE calls SET ${sets} WHERE id = $${values.length}`, values));
    if (result.rowCount === 0) throw new StoreError(`unknown call "${callId}"`);
  }

  async finishCall(callId: string, outcome: CallOutcome, endedAt = new Date()): Promise<void> {
    checkOutcome(outcome);
    void this.batcher.flush();
    const result = await this.write(() => this.db.query('UPDATE calls SET outcome = $1, ended_at = $2 WHERE id = $3', [outcome, endedAt, callId]));
    if (result.rowCount === 0) throw new StoreError(`unknown call "${callId}"`);
    this.numbers.forget(callId);
  }

  async getCall(callId: string): Promise<{ summary: CallSummary; events: CallEvent[] } | undefined> {
    const calls = await this.db.query('SELECT * FROM calls WHERE id = $1', [callId]);
    if (calls.rows.length === 0) return undefined;
    const events = await this.db.query('SELECT * FROM events WHERE call_id = $1 ORDER BY seq', [callId]);
    return { summary: summaryFromRow(calls.rows[0], dates), events: events.rows.map((row) => eventFromRow(row, dates)) };
  }

  async listCalls(filter: CallFilter = {}): Promise<CallSummary[]> {
    const values: unknown[] = [];
    const sql = callFilterSql(filter, (value) => (values.push(value), `$${values.length}`), dates);
    const { rows } = await this.db.query(`SELECT * FROM calls ${sql}`, values);
    return rows.map((row) => summaryFromRow(row, dates));
  }

  async addCallback(entry: CallbackEntry): Promise<number> {
    checkCallback(entry);
    const { rows } = await this.guardForeignKey(entry.callId, () =>
      this.write(() =>
        this.db.query(
          'INSERT INTO callbacks (call_id, number, topic, agent, created_at, called_back_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [entry.callId, entry.number, entry.topic ?? '', entry.agent ?? null, entry.createdAt, entry.calledBackAt ?? null],
        ),
      ),
    );
    return Number(rows[0].id);
  }

  async listCallbacks(options: { pending?: boolean } = {}): Promise<CallbackEntry[]> {
    const where = options.pending ? 'WHERE called_back_at IS NULL' : '';
    const { rows } = await this.db.query(`SELECT * FROM callbacks ${where} ORDER BY created_at DESC LIMIT 1000`);
    return rows.map((row) => callbackFromRow(row, dates));
  }

  async markCalledBack(id: number): Promise<void> {
    checkId(id);
    const result = await this.write(() => this.db.query('UPDATE callbacks SET called_back_at = COALESCE(called_back_at, now()) WHERE id = $1', [id]));
    if (result.rowCount === 0) throw new StoreError(`unknown callback ${id}`);
  }

  async addVoiceMessage(message: VoiceMessage): Promise<number> {
    checkVoiceMessage(message);
    const { rows } = await this.guardForeignKey(message.callId, () =>
      this.write(() =>
        this.db.query(
          'INSERT INTO voice_messages (call_id, number, path, duration_ms, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [message.callId, message.number, message.path, Math.round(message.durationMs), message.createdAt],
        ),
      ),
    );
    return Number(rows[0].id);
  }

  async listVoiceMessages(): Promise<VoiceMessage[]> {
    const { rows } = await this.db.query('SELECT * FROM voice_messages ORDER BY created_at DESC LIMIT 1000');
    return rows.map((row) => voiceMessageFromRow(row, dates));
  }

  async getVoiceMessage(id: number): Promise<VoiceMessage | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const { rows } = await this.db.query('SELECT * FROM voice_messages WHERE id = $1', [id]);
    return rows[0] ? voiceMessageFromRow(rows[0], dates) : undefined;
  }

  async prune(olderThan: Date): Promise<number> {
    const result = await this.write(() => this.db.query("DELETE FROM calls WHERE started_at < $1 AND outcome <> 'in-progress'", [olderThan]));
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (!this.pool) return;
    await this.batcher.flush();
    await this.writes;
    await this.pool.end();
    this.pool = undefined;
  }

  private async guardForeignKey<T>(callId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { code?: string }).code === '23503') throw new StoreError(`unknown call "${callId}"`);
      throw error;
    }
  }
}
