// Answers from the configured FAQ: every trigger phrase found in the question scores its word
// count; the best-scoring entry answers. Nothing found → undefined (the flow says so honestly).
import type { FaqEntry } from '../../config/assistant.js';
import { normalizeUtterance } from './normalize.js';

export interface FaqMatcher {
  match(normalizedText: string): FaqEntry | undefined;
}

export function faqMatcher(entries: FaqEntry[]): FaqMatcher {
  const compiled = entries.map((entry) => ({
    entry,
    triggers: entry.triggers.map((t) => normalizeUtterance(t)).filter((t) => t.trim().length > 0),
  }));
  return {
    match(text) {
      let best: FaqEntry | undefined;
      let bestScore = 0;
      for (const { entry, triggers } of compiled) {
        let score = 0;
        for (const trigger of triggers) if (text.includes(trigger)) score += trigger.trim().split(' ').length;
        if (score > bestScore) [best, bestScore] = [entry, score];
      }
      return best;
    },
  };
}
