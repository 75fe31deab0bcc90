// The store contract against a real SQLite file (WAL) in a temp dir.
import { describe, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import { storeContract } from './store-contract.js';

describe('SQLite store', () => {
  const root = mkdtempSync(join(tmpdir(), 'frontdesk-sqlite-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  let path = '';
  storeContract({
    async create() {
      path = join(root, `db-${++n}`, 'frontdesk.sqlite');
      return new SqliteStore({ path });
    },
    async reopen() {
      return new SqliteStore({ path });
    },
  });
});
