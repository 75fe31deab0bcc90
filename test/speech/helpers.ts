// Speech test fixtures: the DEV corpus (../shared beside the repo, as in CI), a speech stack in a
// temporary data dir, and frame feeding through a Listener.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { readWav } from '../../src/media/wav.js';
import { createSpeechStack, type SpeechStack } from '../../src/speech/index.js';
import { loadCorpus, type CorpusItem } from '../../src/speech/eval/corpus.js';

export const CORPUS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'speech-dev');

export function corpusItem(file: string): CorpusItem {
  const item = loadCorpus(CORPUS_DIR).find((i) => i.file === file);
  if (!item) throw new Error(`${file} is not in the DEV corpus`);
  return item;
}

export function corpusSamples(file: string): Int16Array {
  return readWav(join(CORPUS_DIR, file)).samples;
}

/** A stack with one decoder worker in a fresh data dir; close() also removes the dir. */
export async function testStack(speech: Record<string, unknown> = {}): Promise<SpeechStack & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-speech-'));
  const config = parseConfig({ speech: { workers: 1, ...speech } }, 'test', {});
  const stack = await createSpeechStack(config, { dataDir });
  return {
    ...stack,
    dataDir,
    close: async () => {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function silence(ms: number): Int16Array {
  return new Int16Array((8000 * ms) / 1000);
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
