// Brain factory: the embedded rules brain today; the LLM brain (cloud issue) plugs in beside it.
import type { AssistantConfig } from '../../config/assistant.js';
import type { Brain } from './brain.js';
import { RulesBrain } from './rules.js';
import { withLlmBrain } from './openai.js';

export type { Brain } from './brain.js';
export { RulesBrain };

export function createBrain(config: { assistant: Pick<AssistantConfig, 'topics' | 'faq'> } & Omit<Parameters<typeof withLlmBrain>[0], 'assistant'>): Brain {
  return withLlmBrain(config, new RulesBrain(config.assistant));
}
