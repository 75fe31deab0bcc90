// JSGF grammars for the closed-vocabulary turns: exactly-N digits (with "oh"/"zero" and lead-in
// fillers) and yes/no with synonyms. Word lists are exported so the app dictionary covers them.

export const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};
const SPOKEN_DIGIT = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Each extra filler is a chance to swallow a digit (speech.md): keep this list short. */
const DIGIT_LEAD_INS = ['uh', 'um', 'okay', 'sure', "it's", 'it is', 'the code is', 'the number is'];

/**
 * No bare "go ahead": "go" is "no" with another voiced stop (G OW vs N OW), and "no ..." / "nope" came out
 * as "go ahead ..." (a no heard as a yes). "go ahead" stays a tail ("okay go ahead"), after a yes word.
 * Over the 240 answers (LM first pass with the fragment retry): 220 -> 223 right, false yes 6 -> 3; grammar
 * first pass 212 -> 214, 20 -> 18.
 */
export const YES_PHRASES = [
  'yes', 'yeah', 'yep', 'yup', 'sure', 'okay', 'alright', 'correct', 'right', 'absolutely', 'of course', 'sure thing',
  'please do', "that's right", "that's correct", 'yes i would', 'yes i do', 'definitely',
];
export const NO_PHRASES = [
  'no', 'nope', 'nah', 'not now', 'not right now', 'no thanks', 'no thank you', 'never mind', "don't",
  "don't transfer me", "no i don't", 'not really', 'no way',
];
export const UNCLEAR_PHRASES = [
  // No lone "hmm": it is a filler, and as an answer it out-scored short "yes"/"no" answers.
  'maybe', 'maybe later', "i'm not sure", "i don't know", 'what do you mean', 'can you repeat that', 'let me think', 'hmm let me think',
];
/**
 * Lead-ins that are themselves answers (yes, no, hmm) made 'yes' come out as 'yeah nah': keep them out.
 * No "oh" either: it is "no" without its /n/ (OW vs N OW), weak on the phone, so "no ..." came out as "oh ..."
 * and "nope that's all" as "oh correct later". Yes/no correct over 240 synthetic turns (DEV 40, DEV phrases
 * in other voices 40, held-out phrasings 2 x 80): grammar first pass 207 -> 211, LM first pass 216 -> 218.
 */
const YES_NO_LEAD_INS = ['well', 'uh', 'um'];
const YES_NO_TAILS = [
  'please', 'thanks', 'thank you', 'please transfer me', 'please connect me', 'transfer me', 'connect me', 'go ahead',
  "that's all", "i'm good", "i'm fine", "i'm fine thanks", 'that would be great', "that's correct", "that's right", 'later',
];

function alternatives(phrases: readonly string[]): string {
  return phrases.join(' | ');
}

/** A digit string as the words a caller says, one digit at a time ("0" as "zero"). */
export function digitsAsWords(digits: string): string {
  return [...digits].map((d) => SPOKEN_DIGIT[Number(d)]).join(' ');
}

/** Exactly `length` digits, after up to two lead-ins ("uh it's ..."). */
export function digitsGrammar(length: number): string {
  const digits = Array.from({ length }, () => '<d>').join(' ');
  return [
    '#JSGF V1.0;',
    'grammar digits;',
    `<d> = ${alternatives(Object.keys(DIGIT_WORDS))};`,
    `<pre> = ${alternatives(DIGIT_LEAD_INS)};`,
    `public <code> = [<pre>] [<pre>] ${digits};`,
    '',
  ].join('\n');
}

/** Only the expected code (with the usual lead-ins): its score against the free grammar's is a likelihood ratio. */
export function forcedDigitsGrammar(expected: string): string {
  return [
    '#JSGF V1.0;',
    'grammar forced;',
    `<pre> = ${alternatives(DIGIT_LEAD_INS)};`,
    `public <code> = [<pre>] [<pre>] ${expectedWords(expected)};`,
    '',
  ].join('\n');
}

/** "0" may be said "oh" or "zero": both spellings are on the expected path. */
function expectedWords(expected: string): string {
  return [...expected].map((d) => (d === '0' ? '(zero | oh)' : SPOKEN_DIGIT[Number(d)])).join(' ');
}

export function yesNoGrammar(): string {
  return [
    '#JSGF V1.0;',
    'grammar yesno;',
    `<yes> = ${alternatives(YES_PHRASES)};`,
    `<no> = ${alternatives(NO_PHRASES)};`,
    `<unclear> = ${alternatives(UNCLEAR_PHRASES)};`,
    `<pre> = ${alternatives(YES_NO_LEAD_INS)};`,
    `<post> = ${alternatives(YES_NO_TAILS)};`,
    'public <answer> = [<pre>] (<yes> | <no> | <unclear>) [<post>];',
    '',
  ].join('\n');
}

/** Every word the grammars use (the dictionary must hold all of them or the search fails to load). */
export function grammarWords(): string[] {
  const phrases = [
    ...Object.keys(DIGIT_WORDS), ...DIGIT_LEAD_INS, ...YES_PHRASES, ...NO_PHRASES, ...UNCLEAR_PHRASES,
    ...YES_NO_LEAD_INS, ...YES_NO_TAILS,
  ];
  return [...new Set(phrases.flatMap((p) => p.split(' ')))];
}

/** The yes/no phrases as sentences, for training the yes/no language model. */
export function yesNoSentences(): string[] {
  const cores = [...YES_PHRASES, ...NO_PHRASES, ...UNCLEAR_PHRASES];
  const out: string[] = [...cores];
  for (const core of cores) {
    for (const pre of YES_NO_LEAD_INS) out.push(`${pre} ${core}`);
    for (const tail of YES_NO_TAILS) out.push(`${core} ${tail}`);
  }
  return out;
}

/**
 * Lone words kept as the answer they lean to, never retried into a grammar yes: the first word of a no
 * phrase ("not", "don't", "never") and the doubt words of the unclear phrases ("think" of "let me think").
 */
const LEANING_WORDS = [...NO_PHRASES.map((phrase) => phrase.split(' ')[0]!), 'think', 'know', 'sure', 'mean', 'repeat', 'what', 'maybe', 'hmm'];
const ANSWER_PHRASES = new Set([...YES_PHRASES, ...NO_PHRASES, ...UNCLEAR_PHRASES, ...LEANING_WORDS]);

/**
 * A yes/no LM hypothesis that is a lone fragment of an answer: one word (lead-ins aside) that is no answer
 * phrase by itself ("go" of "go ahead", "that" of "can you repeat that", "uh"). The LM can end an utterance
 * on any word without paying for the sentence end, and on a silence-padded or onset-clipped "yes" / "no" it
 * did ("that", "go"): such a turn is decoded again with the closed grammar. Longer hypotheses without an
 * answer are kept: there the caller said something the phrases do not cover, and the grammar would force
 * it onto a yes (tried: retrying those too cost 5 more false yeses and 3 answers over the 240).
 */
export function isAnswerFragment(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter((word) => word && !YES_NO_LEAD_INS.includes(word));
  if (words.length > 1) return false;
  return !ANSWER_PHRASES.has(words.join(' '));
}
