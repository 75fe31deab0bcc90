// Moves SQLite's WAL checkpoints off the event loop: the main connection's automatic checkpoint
// (which copies the WAL into the database and fsyncs, ~10–100 ms) would stall media pacing, so it is
// turned off and a worker thread with its own connection runs PASSIVE checkpoints every second.
// PASSIVE never blocks the writer; the WAL is reset by the writer once a checkpoint has caught up.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Logger } from '../log.js';

const INTERVAL_MS = 1000;

// CommonJS source run with `eval: true`, so it needs no separate file in src/ or dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: error.message });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;

  constructor(path: string, logger?: Logger) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, module, intervalMs: INTERVAL_MS } });
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) logger?.warn({ err: message.error }, 'sqlite checkpoint failed');
    });
    this.worker.on('error', (error) => logger?.error({ err: error.message }, 'sqlite checkpoint worker failed'));
    this.worker.unref();
  }

  /** Stops the worker after its current checkpoint (closing the last connection checkpoints anyway). */
  async stop(): Promise<void> {
    this.worker.ref(); // keep the process alive until the worker has closed its connection
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
    await this.worker.terminate();
  }
}
