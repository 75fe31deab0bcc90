// The store contract against the real PostgreSQL server, in a throwaway database per test.
import { describe, after } from 'node:test';
import { PostgresStore } from '../../src/store/postgres.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/postgres.js';
import { storeContract } from './store-contract.js';

describe('PostgreSQL store', () => {
  const databases: ThrowawayDatabase[] = [];
  after(async () => {
    for (const db of databases) await db.drop();
  });
  storeContract({
    async create() {
      const db = await createThrowawayDatabase();
      databases.push(db);
      return new PostgresStore({ url: db.url });
    },
    async reopen() {
      return new PostgresStore({ url: databases.at(-1)!.url });
    },
  });
});
