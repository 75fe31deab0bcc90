// Verbless fragments ("a personal matter", "the account on my statement"): what callers say in reply
// to "what is it about?", and what is left of "it's about …" when the recognizer drops the lead-in.
// General English, not corpus phrases: a short utterance with no verb form is an answer, not a request.

const VERBS = new Set(
  ('is am are was were be been being do does did done have has had can could will would should shall may might must ' +
    'need needs want wants like get gets got make makes made help tell know see call pay paid order buy bought cancel ' +
    'return change update send sent give take put let go goes come work works keep keeps show shows open close fix ' +
    'reset restart install set speak talk connect transfer look find try tried arrive ship deliver charge receive lost ' +
    'lose broke break use think mean say said hear heard stop stops move owe owes sign log check ask wait')
    .split(' '),
);
const VERB_FORM = /(?:ing|ed)$/;
const MAX_WORDS = 6;
const DETERMINERS = new Set(['a', 'an', 'the', 'some', 'just', 'only']);

/** `text` is normalized (lower case, padded). */
export function isVerblessFragment(text: string): boolean {
  const words = text.trim().split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  // "billing please", "operator please": a bare wish is still a request.
  if (words.includes('please')) return false;
  // A noun phrase opens with a determiner; "well it a real it late" or "i forgot my …" is a sentence
  // the recognizer lost the verb of, so it stays a request.
  const isVerb = (word: string) => VERBS.has(word) || (word.length > 4 && VERB_FORM.test(word));
  // One garbled word may stand where "it's" or "it's just" was ("good a general question"): a noun
  // phrase after one non-verb word is still the fragment.
  const start = DETERMINERS.has(words[0]!) ? 0 : words.length > 2 && DETERMINERS.has(words[1]!) && !isVerb(words[0]!) ? 1 : -1;
  if (start < 0) return false;
  return words.slice(start).every((word) => !isVerb(word));
}
