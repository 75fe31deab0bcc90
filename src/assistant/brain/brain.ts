// The brain seam: the seed's three prompts. The embedded rules brain and the LLM brain implement it.

export type Intent = 'request' | 'question' | 'answer';
export type Topic = 'ordering' | 'technical support' | 'billing' | 'other';
export type RequestClass = 'call transfer' | 'billing inquiry' | 'order inquiry' | 'unclassified';

/** The seed's classification shape. */
export interface Classification {
  intent: Intent;
  topic: Topic;
  class: RequestClass;
  /** For questions: the best short answer (from the FAQ for the rules brain). */
  answer?: string;
  /** For answers or unclear requests: what to say next to keep the conversation going. */
  ask?: string;
}

export interface ConversationContext {
  businessName: string;
  /** Last few turns, oldest first. */
  history: { role: 'caller' | 'assistant'; text: string }[];
  /** Known customer's first name, when identified. */
  customerName?: string;
}

export type YesNo = 1 | 0 | -1;

export interface CodeCheck {
  matched: boolean;
  /** The digits heard, '' when none. */
  number: string;
}

export interface Brain {
  readonly name: string;
  classify(utterance: string, context: ConversationContext): Promise<Classification>;
  yesNo(utterance: string): Promise<YesNo>;
  verifyCode(utterance: string, code: string): Promise<CodeCheck>;
  /** Optional: a free answer as it is written, sentence by sentence (LLM brains); throws before the first on failure. */
  answerStream?(question: string, context: ConversationContext, signal?: AbortSignal): AsyncIterable<string>;
}
