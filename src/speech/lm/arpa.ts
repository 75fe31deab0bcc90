// Trigram language model in ARPA text format with Witten-Bell discounting and Katz-style back-off,
// trained from a list of sentences at start-up (pocketsphinx loads text ARPA directly).

const START = '<s>';
const END = '</s>';

type Counts = Map<string, Map<string, number>>;

function bump(table: Counts, history: string, word: string, by = 1): void {
  let followers = table.get(history);
  if (!followers) table.set(history, (followers = new Map()));
  followers.set(word, (followers.get(word) ?? 0) + by);
}

function total(followers: Map<string, number>): number {
  let sum = 0;
  for (const count of followers.values()) sum += count;
  return sum;
}

const log10 = (p: number): string => (p <= 0 ? '-99' : Math.log10(p).toFixed(4));

export function tokenize(sentence: string): string[] {
  return sentence
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
}

/** Sentences (space-separated words) -> ARPA text. Every word of the sentences is in the vocabulary. */
export function buildArpa(sentences: readonly string[]): string {
  const unigrams = new Map<string, number>();
  const bigrams: Counts = new Map();
  const trigrams: Counts = new Map();
  for (const sentence of sentences) {
    const words = tokenize(sentence);
    if (words.length === 0) continue;
    const tokens = [START, ...words, END];
    for (let i = 1; i < tokens.length; i++) {
      unigrams.set(tokens[i]!, (unigrams.get(tokens[i]!) ?? 0) + 1);
      bump(bigrams, tokens[i - 1]!, tokens[i]!);
      if (i >= 2) bump(trigrams, `${tokens[i - 2]} ${tokens[i - 1]}`, tokens[i]!);
    }
  }
  if (unigrams.size === 0) throw new Error('language model needs at least one non-empty sentence');

  // Unigrams: add-one, so every vocabulary word keeps some mass for back-off.
  const vocabulary = [...unigrams.keys()].sort();
  const tokenTotal = total(unigrams);
  const unigramP = new Map<string, number>();
  for (const word of vocabulary) unigramP.set(word, (unigrams.get(word)! + 1) / (tokenTotal + vocabulary.length));

  // Witten-Bell: seen mass c/(c+T); the rest, T/(c+T), is spread over the lower order by the back-off weight.
  const discounted = (followers: Map<string, number>) => {
    const count = total(followers);
    const types = followers.size;
    const probabilities = new Map<string, number>();
    for (const [word, c] of followers) probabilities.set(word, c / (count + types));
    return { probabilities, reserved: types / (count + types) };
  };
  const backoff = (reserved: number, seen: Iterable<string>, lower: (w: string) => number): number => {
    let lowerSeen = 0;
    for (const word of seen) lowerSeen += lower(word);
    return reserved / Math.max(1e-6, 1 - lowerSeen);
  };

  const bigramP = new Map<string, Map<string, number>>();
  const unigramBackoff = new Map<string, number>();
  for (const [history, followers] of bigrams) {
    const { probabilities, reserved } = discounted(followers);
    bigramP.set(history, probabilities);
    unigramBackoff.set(history, backoff(reserved, probabilities.keys(), (w) => unigramP.get(w) ?? 0));
  }
  const trigramP = new Map<string, Map<string, number>>();
  const bigramBackoff = new Map<string, number>();
  for (const [history, followers] of trigrams) {
    const { probabilities, reserved } = discounted(followers);
    trigramP.set(history, probabilities);
    const last = history.split(' ')[1]!;
    bigramBackoff.set(history, backoff(reserved, probabilities.keys(), (w) => bigramP.get(last)?.get(w) ?? 0));
  }

  const uniLines = [`${log10(0)} ${START} ${log10(unigramBackoff.get(START) ?? 1)}`];
  for (const word of vocabulary) {
    const bow = unigramBackoff.get(word);
    uniLines.push(`${log10(unigramP.get(word)!)} ${word}${bow === undefined ? '' : ` ${log10(bow)}`}`);
  }
  const biLines: string[] = [];
  for (const [history, probabilities] of bigramP) {
    for (const [word, p] of probabilities) {
      const bow = bigramBackoff.get(`${history} ${word}`);
      biLines.push(`${log10(p)} ${history} ${word}${bow === undefined ? '' : ` ${log10(bow)}`}`);
    }
  }
  const triLines: string[] = [];
  for (const [history, probabilities] of trigramP) {
    for (const [word, p] of probabilities) triLines.push(`${log10(p)} ${history} ${word}`);
  }
  return [
    '\\data\\',
    `ngram 1=${uniLines.length}`,
    `ngram 2=${biLines.length}`,
    `ngram 3=${triLines.length}`,
    '',
    '\\1-grams:',
    ...uniLines,
    '',
    '\\2-grams:',
    ...biLines,
    '',
    '\\3-grams:',
    ...triLines,
    '',
    '\\end\\',
    '',
  ].join('\n');
}

/** The distinct words of some sentences, as the recognizer's dictionary needs them. */
export function vocabularyOf(sentences: readonly string[]): string[] {
  return [...new Set(sentences.flatMap(tokenize))];
}
