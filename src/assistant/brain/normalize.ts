// One normal form for recognized or typed text: lower case, plain apostrophes, no punctuation,
// common contractions expanded so patterns only need one spelling.
export function normalizeUtterance(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/%hesitation/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\b(uh|um|erm|uhm|hmm)\b/g, ' ')
    .replace(/\bcan't\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/\bi'm\b/g, 'i am')
    .replace(/\bi'd\b/g, 'i would')
    .replace(/\bi've\b/g, 'i have')
    .replace(/\b(it|that|what|there|where|here|who|how)'s\b/g, '$1 is')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim()} `;
}
