// The embedded rules brain: the seed's three prompts (classify, yes/no, code check) answered by
// phrase patterns, number-word parsing and the configured FAQ — offline, deterministic, microseconds.
import type { AssistantConfig } from '../../config/assistant.js';
import type { Brain, Classification, CodeCheck, ConversationContext, YesNo } from './brain.js';
import { extractDigits } from './numbers.js';
import { yesNoOf } from './yes-no.js';
import { normalizeUtterance } from './normalize.js';
import { topicOf, topicPatternsFrom, type TopicPattern } from './topics.js';
import { classOf, intentOf } from './intent.js';
import { faqMatcher, type FaqMatcher } from './faq.js';

export class RulesBrain implements Brain {
  readonly name = 'rules';
  private readonly topicPatterns: TopicPattern[];
  private readonly faq: FaqMatcher;

  constructor(config: Pick<AssistantConfig, 'topics' | 'faq'>) {
    this.topicPatterns = topicPatternsFrom(config.topics);
    this.faq = faqMatcher(config.faq);
  }

  classifyNow(utterance: string): Classification {
    const text = normalizeUtterance(utterance);
    const intent = intentOf(text);
    const faq = intent === 'question' ? this.faq.match(text) : undefined;
    let topic = topicOf(text, this.topicPatterns);
    if (topic === 'other' && faq) topic = faq.topic;
    const result: Classification = { intent, topic, class: classOf(intent, topic, text) };
    if (faq) result.answer = faq.answer;
    return result;
  }

  async classify(utterance: string, _context: ConversationContext): Promise<Classification> {
    return this.classifyNow(utterance);
  }

  async yesNo(utterance: string): Promise<YesNo> {
    return yesNoOf(utterance);
  }

  async verifyCode(utterance: string, code: string): Promise<CodeCheck> {
    const number = extractDigits(utterance);
    // Callers pad with a stray digit now and then ("uh 4, it's 4 7 1 2"); a short run that
    // contains the code still proves a human repeated it.
    const matched = number === code || (number.length <= code.length + 2 && code.length > 0 && number.includes(code));
    return { matched, number };
  }
}
