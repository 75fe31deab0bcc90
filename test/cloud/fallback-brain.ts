// The brain the cloud tests fall back to: the embedded rules brain when it exists, else the same
// rule helpers it is built from (so fallback answers are real rule answers, not canned ones).
import type { Brain } from '../../src/assistant/brain/brain.js';
import { yesNoOf } from '../../src/assistant/brain/yes-no.js';
import { extractDigits } from '../../src/assistant/brain/numbers.js';
import { builtInTopicPatterns, topicOf } from '../../src/assistant/brain/topics.js';
import { normalizeUtterance } from '../../src/assistant/brain/normalize.js';

export const fallbackBrain: Brain = {
  name: 'rules',
  classify: async (utterance) => ({ intent: 'request', topic: topicOf(normalizeUtterance(utterance), builtInTopicPatterns), class: 'unclassified' }),
  yesNo: async (utterance) => yesNoOf(utterance),
  verifyCode: async (utterance, code) => {
    const number = extractDigits(utterance);
    return { matched: number === code, number };
  },
};
