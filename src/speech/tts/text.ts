// Text helpers for prompts: digits spoken one by one, and sentence splitting for streamed synthesis.

/** speakDigits('4712') -> "4, 7, 1, 2": the commas make every voice pause between digits. */
export function speakDigits(digits: string): string {
  return [...digits.replace(/\D/g, '')].join(', ');
}

/** Splits at sentence ends (., !, ?, ;) followed by space, keeping the punctuation; never returns blanks. */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?;])\s+(?=\S)/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}
