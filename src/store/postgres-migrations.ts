// PostgreSQL schema, as a versioned list applied in order at start-up (never edit a released step: add one).
import type { Migration } from './sqlite-migrations.js';

export const postgresMigrations: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        started_at TIMESTAMPTZ NOT NULL,
        ended_at TIMESTAMPTZ,
        direction TEXT NOT NULL,
        caller TEXT NOT NULL,
        callee TEXT NOT NULL,
        sip_call_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        identity TEXT,
        customer_name TEXT,
        transfer_target TEXT,
        recording_path TEXT
      );
      CREATE INDEX calls_started ON calls (started_at);
      CREATE INDEX calls_outcome ON calls (outcome, started_at);
      CREATE INDEX calls_caller ON calls (caller);
      CREATE TABLE events (
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        type TEXT NOT NULL,
        data JSONB NOT NULL,
        PRIMARY KEY (call_id, seq)
      );
      CREATE TABLE callbacks (
        id BIGSERIAL PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        topic TEXT NOT NULL,
        agent TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        called_back_at TIMESTAMPTZ
      );
      CREATE INDEX callbacks_pending ON callbacks (called_back_at, created_at);
      CREATE TABLE voice_messages (
        id BIGSERIAL PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        path TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX voice_messages_created ON voice_messages (created_at);
    `,
  },
];
