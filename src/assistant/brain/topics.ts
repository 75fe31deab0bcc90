// Which business topic an utterance is about: built-in phone phrasing per topic plus the phrases the
// config adds. Each pattern carries a weight; the highest total wins, 'other' when nothing matches.
import type { Topic } from './brain.js';

export interface TopicPattern {
  topic: Exclude<Topic, 'other'>;
  pattern: RegExp;
  weight: number;
}

const p = (topic: TopicPattern['topic'], weight: number, words: string): TopicPattern => ({
  topic,
  weight,
  pattern: new RegExp(`(?<= )(?:${words})(?= )`, 'g'),
});

export const builtInTopicPatterns: TopicPattern[] = [
  p('billing', 3, 'bill|bills|billing|invoice|invoices|statement|refund|refunded|overcharged|autopay|auto pay'),
  p('billing', 2, 'charge|charges|charged|payment|payments|pay|paid|paying|owe|balance|credit card|credit cards|debit card|late fee|fees?|due|direct debit'),
  p('billing', 1, 'price|cost|costs|money|account balance|receipt|subscription fee'),
  p('ordering', 1, 'return|returning|returned'),
  p('ordering', 3, 'order|orders|ordered|ordering|package|parcel|delivery|deliver|delivered|shipping|shipment|shipped|ship|tracking'),
  // Buying or returning a thing is ordering whatever the thing is (a router, a phone): the action
  // outweighs the product's own topic.
  p('ordering', 4, 'buy|bought|buying|purchase|purchased'),
  p('ordering', 2, 'in stock|stock|item|items|product|products|boxes|sales|model|catalog|exchange|damaged'),
  p('technical support', 3, 'internet|router|modem|wifi|wi fi|wireless|outage|technician|tech support|technical support|technical|broadband|network'),
  // Setting something up is a support job even when the recognizer heard the thing as "order".
  p('technical support', 4, 'setting up|set up my|install|installing'),
  p('technical support', 2, 'connection|connect to the|log in|login|sign in|password|app|application|crash|crashing|crashes|frozen|freezes|device|screen|reboot|rebooted|restart|restarted|restarting|error|offline|signal|slow|not working|stopped working|does not work|broken|my email|email is|reset'),
  p('technical support', 1, 'working|support|help with my|computer|laptop|phone keeps'),
];

export function topicPatternsFrom(extra: Partial<Record<Topic, string[]>>): TopicPattern[] {
  const added: TopicPattern[] = [];
  for (const topic of ['ordering', 'technical support', 'billing'] as const) {
    for (const phrase of extra[topic] ?? []) {
      const escaped = phrase.toLowerCase().trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, ' ');
      if (escaped) added.push({ topic, weight: 3, pattern: new RegExp(`(?<= )${escaped}(?= )`, 'g') });
    }
  }
  return [...added, ...builtInTopicPatterns];
}

/** `text` must be normalized (padded with spaces). */
export function topicOf(text: string, patterns: TopicPattern[]): Topic {
  const scores = new Map<Topic, number>();
  for (const { topic, pattern, weight } of patterns) {
    const hits = text.match(pattern)?.length ?? 0;
    if (hits) scores.set(topic, (scores.get(topic) ?? 0) + weight * hits);
  }
  let best: Topic = 'other';
  let bestScore = 0;
  for (const [topic, score] of scores) {
    if (score > bestScore) [best, bestScore] = [topic, score];
  }
  return best;
}
