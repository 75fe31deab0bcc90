// A throwaway PostgreSQL database per test run on the local server (127.0.0.1:5432, user postgres,
// trust auth; PGHOST/PGPORT/PGUSER override), dropped again on cleanup.
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

const server = (): { host: string; port: number; user: string } => ({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
});

export async function createThrowawayDatabase(prefix = 'frontdesk_test'): Promise<ThrowawayDatabase> {
  const { host, port, user } = server();
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ host, port, user, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${user}@${host}:${port}/${name}`,
    async drop() {
      const client = new pg.Client({ host, port, user, database: 'postgres' });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
