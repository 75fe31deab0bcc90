// Picks and opens the call store: PostgreSQL when a database URL is configured, else SQLite in the
// data dir. The returned store is open (migrated, stale in-progress records marked interrupted).
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { CallStore } from './store.js';

export type { CallStore } from './store.js';
export { StoreError } from './common.js';

export const SQLITE_FILE = 'frontdesk.sqlite';

export function createStore(config: Pick<Config, 'operations'>, logger?: Logger, options: { readOnly?: boolean } = {}): CallStore {
  const { databaseUrl, dataDir, sqliteSynchronous } = config.operations;
  if (databaseUrl) return new PostgresStore({ url: databaseUrl, logger, readOnly: options.readOnly });
  return new SqliteStore({ path: join(resolve(dataDir), SQLITE_FILE), synchronous: sqliteSynchronous, logger, readOnly: options.readOnly });
}

export async function openStore(config: Pick<Config, 'operations'>, logger?: Logger): Promise<CallStore> {
  const store = createStore(config, logger);
  await store.open();
  logger?.info({ kind: store.kind }, 'call store open');
  return store;
}
