// Prepares the recognizer's files once in the data dir: a copy of Debian's en-us acoustic model with
// the telephone cmninit written into feat.params (the -cmninit flag is ignored by this version), and
// an application dictionary cut from cmudict (a small dictionary makes ps_init ~10x faster), and the
// digit turns' dictionary: the same plus telephone-band pronunciation variants.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SYSTEM_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
/** Initial cepstral mean measured on 8 kHz speech upsampled to 16 kHz (speech.md): 2 % -> 52 % passcodes. */
export const TELEPHONE_CMNINIT = '42,25,-36,40,-20,0,13,-27,20,-13,0,8,-13';

/** Words cmudict lacks that callers of this product say. */
const HAND_PRONUNCIATIONS: Record<string, string> = {
  autopay: 'AO T OW P EY',
  passcode: 'P AE S K OW D',
  rebooted: 'R IY B UW T IH D',
  wifi: 'W AY F AY',
};

/**
 * /s/ carries most of its energy above 4 kHz, which 8 kHz telephone audio cuts: a word-edge /s/ is often
 * all but gone. Variants without it, for closed-grammar turns (free speech gets weakFinalSibilantVariants).
 * DEV passcodes with the expected code: 51/60 -> 58/60 verified, blind 36 -> 38/60, wrong codes 0/60.
 */
export const TELEPHONE_VARIANTS: Record<string, string[]> = {
  seven: ['EH V AH N'],
  six: ['IH K S', 'S IH K'],
};

/**
 * The same telephone-band loss for free speech: every word ending in /s/ or /z/ also without it ("bills",
 * "it's", "charges"), so a clipped word-final sibilant does not push the search to another word.
 * Measured with intent-speech.ts together with keywords.ts (report of 2026-11-26): held-out first turns
 * 82 -> 85/124 (with -fwdflat yes 84 -> 89), DEV 50 -> 49/60 (with -fwdflat yes 49 -> 50), DEV WER 23.4 -> 22.2 %.
 */
export function weakFinalSibilantVariants(words: Iterable<string>, cmudict = loadCmudict()): Record<string, string[]> {
  const variants: Record<string, string[]> = {};
  for (const word of words) {
    for (const phones of cmudict.get(word) ?? []) {
      const list = phones.split(' ');
      // Two phones left at least: "is" -> "IH" alone would match any short vowel.
      if (list.length >= 3 && (list.at(-1) === 'S' || list.at(-1) === 'Z')) (variants[word] ??= []).push(list.slice(0, -1).join(' '));
    }
  }
  return variants;
}

export interface PreparedModel {
  hmmDir: string;
  dictPath: string;
  /** The application dictionary plus TELEPHONE_VARIANTS, for digit and yes/no decoders. */
  grammarDictPath: string;
  /** Words asked for that have no pronunciation: the caller must leave them out of grammars and LMs. */
  missing: string[];
}

export function prepareAcousticModel(speechDir: string, systemModelDir = SYSTEM_MODEL_DIR): string {
  const hmmDir = join(speechDir, 'hmm-tel');
  const marker = join(hmmDir, '.cmninit');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === TELEPHONE_CMNINIT) return hmmDir;
  const source = join(systemModelDir, 'en-us');
  if (!existsSync(join(source, 'feat.params'))) {
    throw new Error(`pocketsphinx acoustic model not found in ${source} (apt-get install pocketsphinx-en-us)`);
  }
  // Copy beside, then rename: a concurrent start-up never sees a half-copied model.
  const staging = `${hmmDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(source, staging, { recursive: true });
  const featPath = join(staging, 'feat.params');
  const feat = readFileSync(featPath, 'utf8').split('\n').filter((line) => !line.startsWith('-cmninit '));
  feat.push(`-cmninit ${TELEPHONE_CMNINIT}`);
  writeFileSync(featPath, feat.filter((line) => line.length > 0).join('\n') + '\n');
  writeFileSync(join(staging, '.cmninit'), TELEPHONE_CMNINIT);
  rmSync(hmmDir, { recursive: true, force: true });
  renameSync(staging, hmmDir);
  return hmmDir;
}

let cmudictCache: Map<string, string[]> | undefined;

/** word -> pronunciations, read once per process (134k lines, ~100 ms). */
export function loadCmudict(systemModelDir = SYSTEM_MODEL_DIR): Map<string, string[]> {
  if (cmudictCache) return cmudictCache;
  const dict = new Map<string, string[]>();
  for (const line of readFileSync(join(systemModelDir, 'cmudict-en-us.dict'), 'utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space < 1) continue;
    const word = line.slice(0, space).replace(/\(\d+\)$/, '');
    const phones = line.slice(space + 1).trim();
    const list = dict.get(word);
    if (list) list.push(phones);
    else dict.set(word, [phones]);
  }
  for (const [word, phones] of Object.entries(HAND_PRONUNCIATIONS)) if (!dict.has(word)) dict.set(word, [phones]);
  return (cmudictCache = dict);
}

export function writeAppDictionary(
  speechDir: string,
  words: Iterable<string>,
  options: { fileName?: string; variants?: Record<string, string[]>; systemModelDir?: string } = {},
): { dictPath: string; missing: string[] } {
  const cmudict = loadCmudict(options.systemModelDir);
  const lines: string[] = [];
  const missing: string[] = [];
  for (const word of [...new Set(words)].sort()) {
    const pronunciations = cmudict.get(word);
    if (!pronunciations) {
      missing.push(word);
      continue;
    }
    const all = [...new Set([...pronunciations, ...(options.variants?.[word] ?? [])])];
    all.forEach((phones, i) => lines.push(`${i === 0 ? word : `${word}(${i + 1})`} ${phones}`));
  }
  mkdirSync(speechDir, { recursive: true });
  const dictPath = join(speechDir, options.fileName ?? 'app.dict');
  const staging = `${dictPath}.tmp-${process.pid}`;
  writeFileSync(staging, lines.join('\n') + '\n');
  renameSync(staging, dictPath);
  return { dictPath, missing };
}

export function prepareModel(speechDir: string, words: Iterable<string>): PreparedModel {
  mkdirSync(speechDir, { recursive: true });
  const hmmDir = prepareAcousticModel(speechDir);
  const wanted = [...words];
  const { dictPath, missing } = writeAppDictionary(speechDir, wanted, { variants: weakFinalSibilantVariants(wanted) });
  const grammarDictPath = writeAppDictionary(speechDir, wanted, { fileName: 'grammar.dict', variants: TELEPHONE_VARIANTS }).dictPath;
  return { hmmDir, dictPath, grammarDictPath, missing };
}
