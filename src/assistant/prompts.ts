// Fills prompt templates ("{agent}", "{code}" …) and turns facts into speakable text: money as
// dollars and cents, ISO dates as "December 15, 2026" (codes: speakDigits in speech/tts/text.ts).
import type { PromptKey } from '../config/assistant.js';

export type PromptVars = Record<string, string | number | undefined>;

export function renderPrompt(prompts: Record<PromptKey, string>, key: PromptKey, vars: PromptVars = {}): string {
  return prompts[key]
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      return value === undefined ? '' : String(value);
    })
    .replace(/\s+([.,!?])/g, '$1')
    .replace(/,([.!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function spokenMoney(amount: number, currency = 'USD'): string {
  const whole = Math.floor(amount + 1e-9);
  const cents = Math.round((amount - whole) * 100);
  const unit = currency === 'USD' ? ['dollar', 'cent'] : currency === 'EUR' ? ['euro', 'cent'] : [currency, 'hundredth'];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return cents ? `${plural(whole, unit[0]!)} and ${plural(cents, unit[1]!)}` : plural(whole, unit[0]!);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function spokenDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day || month > 12) return isoDate;
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}
