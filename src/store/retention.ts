// Retention: once at start-up and then daily, deletes call records (and voice message files) older
// than operations.retentionDays. Calls still in progress are never pruned.
import { unlink } from 'node:fs/promises';
import type { Logger } from '../log.js';
import type { CallStore } from './store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One pass: removes voice message files, then the records. Returns the number of calls deleted. */
export async function pruneOnce(store: CallStore, retentionDays: number, now = new Date(), logger?: Logger): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  for (const message of await store.listVoiceMessages()) {
    if (message.createdAt >= cutoff) continue;
    await unlink(message.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') logger?.warn({ err: error.code }, 'could not delete an expired voice message file');
    });
  }
  const deleted = await store.prune(cutoff);
  if (deleted > 0) logger?.info({ deleted, retentionDays }, 'expired call records deleted');
  return deleted;
}

/** Prunes now and then daily; `firstPass` settles when the start-up pass is done (it never rejects). */
export function startRetention(store: CallStore, retentionDays: number, logger?: Logger): { stop(): void; firstPass: Promise<void> } {
  const run = (): Promise<void> =>
    pruneOnce(store, retentionDays, new Date(), logger).then(
      () => undefined,
      (error: Error) => logger?.error({ err: error.message }, 'retention prune failed'),
    );
  const firstPass = run();
  const timer = setInterval(() => void run(), DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), firstPass };
}
