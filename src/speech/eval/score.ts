// Scoring rules of the speech harness (as in speech.md): lowercase and strip punctuation; passcode =
// digit words joined; yes/no = the regex classifier (first match wins); WER = word Levenshtein / reference.
import { DIGIT_WORDS } from '../pocketsphinx/grammars.js';

export function normalize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** "uh it's four oh seven two" -> "4072". */
export function digitsOf(text: string): string {
  return normalize(text)
    .map((word) => DIGIT_WORDS[word] ?? (/^\d+$/.test(word) ? word : ''))
    .join('');
}

/** 1 yes, 0 no, -1 unclear. */
export function classifyYesNo(text: string): 1 | 0 | -1 {
  const words = normalize(text).join(' ');
  const has = (pattern: string) => new RegExp(`\\b(${pattern})\\b`).test(words);
  if (has("not sure|don't know|maybe|what|repeat|mean|think|hmm")) return -1;
  if (has("no|nope|nah|not|don't|never")) return 0;
  if (has('yes|yeah|yep|yup|sure|okay|correct|right|absolutely|course|alright|ahead|please')) return 1;
  return -1;
}

/** Digit edit distance between the spoken and the recognized code (digit accuracy = 1 - errors / digits). */
export function digitErrors(reference: string, hypothesis: string): { errors: number; digits: number } {
  const ref = [...digitsOf(reference)];
  return { errors: editDistance(ref, [...digitsOf(hypothesis)]), digits: ref.length };
}

/** Word edit distance between reference and hypothesis. */
export function wordErrors(reference: string, hypothesis: string): { errors: number; words: number } {
  const ref = normalize(reference);
  return { errors: editDistance(ref, normalize(hypothesis)), words: ref.length };
}

function editDistance(ref: readonly string[], hyp: readonly string[]): number {
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[hyp.length]!;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
