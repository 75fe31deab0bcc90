// The fake LLM's "model": answers the brain's three prompts (found by schema name or wording) with
// the embedded rules, so replies depend on what the caller said, and anything else with a canned line.
import { extractDigits } from '../../src/assistant/brain/numbers.js';
import { yesNoOf } from '../../src/assistant/brain/yes-no.js';
import { builtInTopicPatterns, topicOf } from '../../src/assistant/brain/topics.js';
import { normalizeUtterance } from '../../src/assistant/brain/normalize.js';

interface ChatMessage {
  role: string;
  content: string;
}

const between = (text: string, mark: string): string => text.split(mark)[1] ?? '';

export function modelReply(messages: ChatMessage[], schemaName?: string): unknown | string {
  const last = [...messages].reverse().find((message) => message.role === 'user')?.content ?? '';
  if (schemaName === 'code_verification' || last.includes('triple hashes')) {
    const number = extractDigits(between(last, '---'));
    return { matched: number === between(last, '###'), number };
  }
  if (schemaName === 'yes_no' || /yes or a no/i.test(last)) {
    return { answer: yesNoOf(between(last, '---')) };
  }
  if (schemaName === 'caller_intent' || /Determine the intent/.test(last)) {
    const said = between(last, '---');
    const text = normalizeUtterance(said);
    const topic = topicOf(text, builtInTopicPatterns);
    if (/\b(agent|person|human|someone|representative|transfer|operator|speak (to|with)|talk (to|with))\b/.test(text)) {
      return { intent: 'request', topic, class: 'call transfer', answer: '', ask: '' };
    }
    if (/\b(what|when|where|how|why|which|do you|can you|are you|is there)\b/.test(text)) {
      return { intent: 'question', topic, class: 'unclassified', answer: 'We are open Monday to Friday, nine to five.', ask: '' };
    }
    const cls = topic === 'billing' ? 'billing inquiry' : topic === 'ordering' ? 'order inquiry' : 'unclassified';
    return { intent: 'request', topic, class: cls, answer: '', ask: 'Could you tell me a little more about that?' };
  }
  return 'We are open Monday to Friday, nine to five. Is there anything else I can help you with?';
}
