// Cache of synthesized sentences: on disk in the data dir (key = voice + text hash, raw 8 kHz PCM16), so
// fixed prompts survive restarts, and the most recent ones in memory, so a reply does not wait on a file
// read. Both bounded: the oldest entries go when either grows past its limit.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Memory tier: ~8 MB of 8 kHz PCM16, about nine minutes of prompts. */
const MEMORY_BYTES = 8 * 1024 * 1024;

export class PromptCache {
  private writes = 0;
  private readonly recent = new Map<string, Int16Array>(); // insertion order = least recently used first
  private recentBytes = 0;

  constructor(
    private readonly dir: string,
    private readonly maxEntries: number,
  ) {
    if (maxEntries > 0) mkdirSync(dir, { recursive: true });
  }

  static key(voice: string, text: string): string {
    return createHash('sha256').update(`${voice}\0${text}`).digest('hex').slice(0, 32);
  }

  async get(key: string): Promise<Int16Array | undefined> {
    if (this.maxEntries === 0) return undefined;
    const remembered = this.recent.get(key);
    if (remembered) {
      this.recent.delete(key);
      this.recent.set(key, remembered);
      return remembered;
    }
    try {
      const bytes = await readFile(join(this.dir, `${key}.pcm`));
      const samples = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.length & ~1)));
      this.remember(key, samples);
      return samples;
    } catch {
      return undefined;
    }
  }

  private remember(key: string, samples: Int16Array): void {
    if (this.recent.has(key) || samples.byteLength > MEMORY_BYTES) return;
    this.recent.set(key, samples);
    this.recentBytes += samples.byteLength;
    for (const [oldest, old] of this.recent) {
      if (this.recentBytes <= MEMORY_BYTES) break;
      this.recent.delete(oldest);
      this.recentBytes -= old.byteLength;
    }
  }

  async put(key: string, samples: Int16Array): Promise<void> {
    if (this.maxEntries === 0 || samples.length === 0) return;
    this.remember(key, samples);
    const path = join(this.dir, `${key}.pcm`);
    const staging = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(staging, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
      await rename(staging, path);
    } catch {
      return; // a cache that cannot write only costs speed
    }
    if (++this.writes % 100 === 0) this.prune();
  }

  private prune(): void {
    try {
      const entries = readdirSync(this.dir)
        .filter((name) => name.endsWith('.pcm'))
        .map((name) => ({ name, mtime: statSync(join(this.dir, name)).mtimeMs }));
      if (entries.length <= this.maxEntries) return;
      entries.sort((a, b) => a.mtime - b.mtime);
      for (const entry of entries.slice(0, entries.length - this.maxEntries)) unlinkSync(join(this.dir, entry.name));
    } catch {
      // pruning is best effort
    }
  }
}
