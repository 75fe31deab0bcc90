// The default store: one SQLite file (better-sqlite3) in WAL mode. Appended events are written once
// per event-loop turn in one transaction; a commit reaches the WAL file (the OS page cache) before the
// promise resolves, so a killed process (kill -9) loses nothing. synchronous=NORMAL skips the fsync per
// commit (the event loop also paces media); FULL adds it, for power-loss durability, at ~1 fsync per batch.
// WAL checkpoints run in a worker thread (sqlite-checkpointer.ts), never on the event loop.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log.js';
import { EventBatcher, EventNumbers, StoreError, checkCallback, checkId, checkOutcome, checkVoiceMessage, checkStart, patchColumns, prepareEvent, type PendingEvent } from './common.js';
import { callFilterSql, callbackFromRow, eventFromRow, summaryFromRow, voiceMessageFromRow, type DateCodec } from './rows.js';
import { sqliteMigrations } from './sqlite-migrations.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import type { CallEvent, CallEventInput, CallFilter, CallOutcome, CallRecordStart, CallStore, CallSummary, CallbackEntry, VoiceMessage } from './store.js';

export interface SqliteOptions {
  path: string;
  synchronous?: 'normal' | 'full';
  logger?: Logger;
  /** Read records without migrating or touching them (the CLI beside a running server). */
  readOnly?: boolean;
}

const dates: DateCodec = {
  encode: (date) => date.getTime(),
  decode: (value) => new Date(Number(value)),
};
const encodeValue = (value: unknown): unknown => (value instanceof Date ? value.getTime() : value);

export class SqliteStore implements CallStore {
  readonly kind = 'sqlite';
  private db: Database.Database | undefined;
  private checkpointer: SqliteCheckpointer | undefined;
  private readonly numbers = new EventNumbers();
  private readonly batcher = new EventBatcher((batch) => this.writeEvents(batch), 'sqlite');

  constructor(private readonly options: SqliteOptions) {}

  private get handle(): Database.Database {
    if (!this.db) throw new StoreError('store is not open');
    return this.db;
  }

  async open(): Promise<void> {
    if (this.options.readOnly) {
      try {
        this.db = new Database(this.options.path, { readonly: true, fileMustExist: true });
      } catch (error) {
        throw new StoreError(`cannot open ${this.options.path}: ${(error as Error).message}`);
      }
      return;
    }
    if (this.options.path !== ':memory:') mkdirSync(dirname(this.options.path), { recursive: true });
    const db = new Database(this.options.path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${this.options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    this.db = db;
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    for (const migration of sqliteMigrations.filter((m) => m.version > current)) {
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(migration.version, Date.now());
      })();
      this.options.logger?.info({ version: migration.version }, 'sqlite migration applied');
    }
    if (this.options.path !== ':memory:') {
      db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new SqliteCheckpointer(this.options.path, this.options.logger);
    }
    const interrupted = this.markInterrupted(Date.now());
    if (interrupted > 0) this.options.logger?.warn({ interrupted }, 'calls left in progress by a previous process marked interrupted');
  }

  private markInterrupted(now: number): number {
    const db = this.handle;
    return db.transaction(() => {
      db.prepare(
        `INSERT INTO events (call_id, seq, at, type, data)
         SELECT c.id, COALESCE((SELECT MAX(seq) FROM events e WHERE e.call_id = c.id), 0) + 1, ?, 'state',
                '{"state":"interrupted","reason":"the process ended before the call was closed"}'
         FROM calls c WHERE c.outcome = 'in-progress'`,
      ).run(now);
      return db
        .prepare(
          `UPDATE calls SET outcome = 'interrupted',
             ended_at = COALESCE((SELECT MAX(at) FROM events e WHERE e.call_id = calls.id AND e.type <> 'state'), started_at)
           WHERE outcome = 'in-progress'`,
        )
        .run().changes;
    })();
  }

  async createCall(start: CallRecordStart): Promise<void> {
    checkStart(start);
    try {
      this.handle
        .prepare(
          `INSERT INTO calls (id, started_at, direction, caller, callee, sip_call_id, outcome)
           VALUES (?, ?, ?, ?, ?, ?, 'in-progress')`,
        )
        .run(start.id, start.startedAt.getTime(), start.direction, start.caller, start.callee ?? '', start.sipCallId ?? '');
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreError(`call "${start.id}" already exists`);
      throw error;
    }
    this.numbers.started(start.id);
  }

  async appendEvent(callId: string, input: CallEventInput): Promise<CallEvent> {
    const { at, type, json, data } = prepareEvent(callId, input);
    const seq = await this.numbers.next(callId, async () => this.maxSeq(callId));
    return this.batcher.add(callId, { seq, at, type, data }, json);
  }

  private maxSeq(callId: string): number | undefined {
    const row = this.handle
      .prepare('SELECT (SELECT COUNT(*) FROM calls WHERE id = ?) AS found, (SELECT MAX(seq) FROM events WHERE call_id = ?) AS max')
      .get(callId, callId) as { found: number; max: number | null };
    return row.found ? (row.max ?? 0) : undefined;
  }

  private writeEvents(batch: PendingEvent[]): void {
    const db = this.handle;
    const insert = db.prepare('INSERT INTO events (call_id, seq, at, type, data) VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const { callId, event, json } of batch) insert.run(callId, event.seq, event.at.getTime(), event.type, json);
    })();
  }

  async updateSummary(callId: string, patch: Partial<Omit<CallSummary, 'id'>>): Promise<void> {
    const columns = patchColumns(patch);
    if (columns.length === 0) return;
    const sets = columns.map(([column]) => `${column} = ?`).join(', ');
    const result = this.handle.prepare(`UPDATE calls SET ${sets} WHERE id = ?`).run(...columns.map(([, v]) => encodeValue(v)), callId);
    if (result.changes === 0) throw new StoreError(`unknown call "${callId}"`);
  }

  async finishCall(callId: string, outcome: CallOutcome, endedAt = new Date()): Promise<void> {
    checkOutcome(outcome);
    await this.batcher.flush();
    const result = this.handle.prepare('UPDATE calls SET outcome = ?, ended_at = ? WHERE id = ?').run(outcome, endedAt.getTime(), callId);
    if (result.changes === 0) throw new StoreError(`unknown call "${callId}"`);
    this.numbers.forget(callId);
  }

  async getCall(callId: string): Promise<{ summary: CallSummary; events: CallEvent[] } | undefined> {
    const row = this.handle.prepare('SELECT * FROM calls WHERE id = ?').get(callId);
    if (!row) return undefined;
    const events = this.handle.prepare('SELECT * FROM events WHERE call_id = ? ORDER BY seq').all(callId);
    return { summary: summaryFromRow(row as object, dates), events: events.map((e) => eventFromRow(e as object, dates)) };
  }

  async listCalls(filter: CallFilter = {}): Promise<CallSummary[]> {
    const values: unknown[] = [];
    const sql = callFilterSql(filter, (value) => (values.push(value), '?'), dates);
    return this.handle.prepare(`SELECT * FROM calls ${sql}`).all(...values).map((row) => summaryFromRow(row as object, dates));
  }

  async addCallback(entry: CallbackEntry): Promise<number> {
    checkCallback(entry);
    const result = this.guardForeignKey(entry.callId, () =>
      this.handle
        .prepare('INSERT INTO callbacks (call_id, number, topic, agent, created_at, called_back_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(entry.callId, entry.number, entry.topic, entry.agent ?? null, entry.createdAt.getTime(), entry.calledBackAt?.getTime() ?? null),
    );
    return Number(result.lastInsertRowid);
  }

  async listCallbacks(options: { pending?: boolean } = {}): Promise<CallbackEntry[]> {
    const where = options.pending ? 'WHERE called_back_at IS NULL' : '';
    return this.handle.prepare(`SELECT * FROM callbacks ${where} ORDER BY created_at DESC LIMIT 1000`).all().map((r) => callbackFromRow(r as object, dates));
  }

  async markCalledBack(id: number): Promise<void> {
    checkId(id);
    const result = this.handle.prepare('UPDATE callbacks SET called_back_at = COALESCE(called_back_at, ?) WHERE id = ?').run(Date.now(), id);
    if (result.changes === 0) throw new StoreError(`unknown callback ${id}`);
  }

  async addVoiceMessage(message: VoiceMessage): Promise<number> {
    checkVoiceMessage(message);
    const result = this.guardForeignKey(message.callId, () =>
      this.handle
        .prepare('INSERT INTO voice_messages (call_id, number, path, duration_ms, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(message.callId, message.number, message.path, Math.round(message.durationMs), message.createdAt.getTime()),
    );
    return Number(result.lastInsertRowid);
  }

  async listVoiceMessages(): Promise<VoiceMessage[]> {
    return this.handle.prepare('SELECT * FROM voice_messages ORDER BY created_at DESC LIMIT 1000').all().map((r) => voiceMessageFromRow(r as object, dates));
  }

  async getVoiceMessage(id: number): Promise<VoiceMessage | undefined> {
    const row = this.handle.prepare('SELECT * FROM voice_messages WHERE id = ?').get(id);
    return row ? voiceMessageFromRow(row as object, dates) : undefined;
  }

  async prune(olderThan: Date): Promise<number> {
    return this.handle.prepare("DELETE FROM calls WHERE started_at < ? AND outcome <> 'in-progress'").run(olderThan.getTime()).changes;
  }

  async close(): Promise<void> {
    if (!this.db) return;
    await this.batcher.flush();
    await this.checkpointer?.stop();
    this.checkpointer = undefined;
    this.db.close();
    this.db = undefined;
  }

  private guardForeignKey<T>(callId: string, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new StoreError(`unknown call "${callId}"`);
      throw error;
    }
  }
}
