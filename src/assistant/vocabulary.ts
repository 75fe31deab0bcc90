// What the embedded recognizer should expect on this line: the config's topic phrases, FAQ
// triggers and the names of customers and agents (passed to createSpeechStack as `vocabulary`).
import type { AssistantConfig } from '../config/assistant.js';
import type { DomainVocabulary } from '../speech/lm/phrases.js';

export function vocabularyOf(config: Pick<AssistantConfig, 'topics' | 'faq' | 'customers' | 'agents'>): DomainVocabulary {
  return {
    topics: [...config.topics.ordering, ...config.topics['technical support'], ...config.topics.billing, ...config.topics.other],
    faq: config.faq.flatMap((entry) => entry.triggers),
    names: [...config.customers.map((c) => c.name), ...config.agents.map((a) => a.name)],
    // Replies to the assistant's own questions, so the recognizer expects them.
    phrases: ['put me on the waiting list', 'the waiting list please', 'call me back', 'leave a voice message', 'voice message', 'no thanks that is all', 'goodbye'],
  };
}
