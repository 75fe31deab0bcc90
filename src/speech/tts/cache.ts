// Disk cache of synthesized sentences in the data dir (key = voice + text hash, raw 8 kHz PCM16),
// so fixed prompts cost a file read. Bounded: the oldest entries go when it grows past its limit.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class PromptCache {
  private writes = 0;

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
    try {
      const bytes = await readFile(join(this.dir, `${key}.pcm`));
      return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.length & ~1)));
    } catch {
      return undefined;
    }
  }

  async put(key: string, samples: Int16Array): Promise<void> {
    if (this.maxEntries === 0 || samples.length === 0) return;
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
