// The evaluation corpus: a directory of 8 kHz WAV files and manifest.jsonl (one item per line, as
// written by shared/eval/make-corpus.sh). Bad lines are reported by line number, not thrown past.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const itemSchema = z.object({
  file: z.string().min(1),
  text: z.string(),
  kind: z.enum(['passcode', 'yesno', 'request', 'name']),
  voice: z.string().optional(),
  cond: z.string().optional(),
  expect: z
    .object({
      digits: z.string().regex(/^\d+$/).optional(),
      answer: z.union([z.literal(1), z.literal(0), z.literal(-1)]).optional(),
      intent: z.string().optional(),
      topic: z.string().optional(),
      class: z.string().optional(),
      name: z.string().optional(),
    })
    .default({}),
});

export type CorpusItem = z.infer<typeof itemSchema> & { path: string };
export type CorpusKind = CorpusItem['kind'];

export function loadCorpus(dir: string): CorpusItem[] {
  const manifest = join(dir, 'manifest.jsonl');
  let text: string;
  try {
    text = readFileSync(manifest, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${manifest}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const items: CorpusItem[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${manifest}:${index + 1}: not JSON`);
    }
    const result = itemSchema.safeParse(parsed);
    if (!result.success) throw new Error(`${manifest}:${index + 1}: ${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`);
    items.push({ ...result.data, path: join(dir, result.data.file) });
  });
  return items;
}
