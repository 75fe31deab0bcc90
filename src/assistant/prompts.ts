// Fills prompt templates ("{agent}", "{code}" …) and turns facts into speakable text: money as
// dollars and cents, ISO dates as "December 15, 2026" (codes: speakDigits in speech/tts/text.ts);
// lists the sentences the receptionist can know before any call, so they are synthesized at start-up.
import { departments, type AssistantConfig, type PromptKey } from '../config/assistant.js';
import { splitSentences } from '../speech/tts/text.js';

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

/** Marks a value only known during a call (a code, an amount): sentences holding it are not fixed. */
const PER_CALL = '\u0001';

/**
 * Every sentence of every prompt that does not depend on the call itself — greetings per customer,
 * transfer questions per agent and department, FAQ answers — in the order a call needs them.
 */
export function fixedSentences(config: Pick<AssistantConfig, 'prompts' | 'businessName' | 'customers' | 'agents' | 'faq'>): string[] {
  const names = [...new Set(config.customers.map((c) => c.name.split(/\s+/)[0]!))];
  const people: PromptVars[] = [...config.agents.map((a) => ({ agent: a.name, department: a.department })), ...departments.map((department) => ({ department }))];
  const sentences = new Set<string>();
  const add = (text: string) => {
    for (const sentence of splitSentences(text)) if (!sentence.includes(PER_CALL)) sentences.add(sentence);
  };
  for (const key of Object.keys(config.prompts) as PromptKey[]) {
    const template = config.prompts[key];
    const unknown = Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, PER_CALL]));
    let variants: PromptVars[] = [{}];
    if (template.includes('{name}')) variants = names.map((name) => ({ name }));
    if (/\{(agent|department)\}/.test(template)) variants = variants.flatMap((v) => people.map((p) => ({ ...v, ...p })));
    for (const vars of variants) add(renderPrompt(config.prompts, key, { ...unknown, business: config.businessName, ...vars }));
  }
  for (const entry of config.faq) add(entry.answer);
  return [...sentences];
}
