// Digits out of what a caller said: "seven oh double four", "uh it's 4 7 1 2", "forty seven twelve",
// "triple five eight". Fillers are ignored; "oh" counts as zero only next to other digits.
const UNITS: Record<string, number> = {
  zero: 0, o: 0, oh: 0, nought: 0, one: 1, won: 1, two: 2, three: 3, four: 4, five: 5,
  six: 6, seven: 7, eight: 8, ate: 8, nine: 9, niner: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const REPEAT: Record<string, number> = { double: 2, triple: 3 };
const ZERO_WORDS = new Set(['o', 'oh']);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/(\d)/g, ' $1 ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function isDigitToken(token: string | undefined): boolean {
  if (token === undefined) return false;
  return /^\d$/.test(token) || (token in UNITS && !ZERO_WORDS.has(token)) || token in TEENS || token in TENS || token in REPEAT;
}

/** Every digit heard, in order, as a string ('' when none). */
export function extractDigits(text: string): string {
  const tokens = tokenize(text);
  let digits = '';
  let repeat = 1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token in REPEAT) {
      repeat = REPEAT[token]!;
      continue;
    }
    let value: string | undefined;
    if (/^\d$/.test(token)) value = token;
    else if (ZERO_WORDS.has(token)) {
      // "oh" is a filler in "oh, it's 4712" but a zero in "4 oh 7 2" or "oh 9 2 8".
      const near = (j: number): boolean => isDigitToken(tokens[j]) || ZERO_WORDS.has(tokens[j] ?? '');
      if (repeat > 1 || near(i + 1) || (near(i - 1) && digits.length > 0)) value = '0';
    } else if (token in UNITS) value = String(UNITS[token]);
    else if (token in TEENS) value = String(TEENS[token]);
    else if (token in TENS) {
      const next = tokens[i + 1];
      const unit = next !== undefined && next in UNITS && !ZERO_WORDS.has(next) && UNITS[next]! > 0 ? UNITS[next]! : undefined;
      if (unit !== undefined) i++;
      value = String(TENS[token]! + (unit ?? 0));
    } else if (token === 'hundred' && digits.length > 0) value = '00';
    if (value !== undefined) {
      digits += value.repeat(repeat);
    }
    repeat = 1;
  }
  return digits;
}
