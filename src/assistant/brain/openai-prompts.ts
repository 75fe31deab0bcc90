// The seed's three prompts (intents, yes/no, code verification) as chat messages, each with the JSON
// schema its answer must follow and the zod validator that checks what actually came back.
import { z } from 'zod';
import type { ConversationContext } from './brain.js';

export interface PromptSpec<T> {
  name: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  schema: Record<string, unknown>;
  validate: z.ZodType<T>;
}

const SYSTEM = (business: string) =>
  `You are the phone receptionist of ${business}. Callers speak; you receive a speech-recognition ` +
  'transcript that may contain recognition errors. Reply with one JSON object only, no prose, exactly ' +
  'in the shape the user message asks for. Keep spoken text short: one or two sentences.';

const INTENTS = ['request', 'question', 'answer'] as const;
const TOPICS = ['ordering', 'technical support', 'billing', 'other'] as const;
const CLASSES = ['call transfer', 'billing inquiry', 'order inquiry', 'unclassified'] as const;

const classificationReply = z.object({
  intent: z.enum(INTENTS),
  topic: z.enum(TOPICS).catch('other'),
  class: z.enum(CLASSES).catch('unclassified'),
  answer: z.string().optional().nullable(),
  ask: z.string().optional().nullable(),
});
export type ClassificationReply = z.infer<typeof classificationReply>;

export function intentsPrompt(utterance: string, context: ConversationContext): PromptSpec<ClassificationReply> {
  const history = context.history
    .slice(-6)
    .map((turn) => ({ role: turn.role === 'caller' ? ('user' as const) : ('assistant' as const), content: turn.text }));
  const who = context.customerName ? ` The caller is our customer ${context.customerName}.` : '';
  return {
    name: 'caller_intent',
    messages: [
      { role: 'system', content: SYSTEM(context.businessName) + who },
      ...history,
      {
        role: 'user',
        content:
          `Analyze the caller's words between the triple dashes ---${utterance}---. Determine the intent: "request", ` +
          '"question" or "answer". Determine the topic: "ordering", "technical support", "billing" or "other". ' +
          'If the intent is "request", classify it as "call transfer", "billing inquiry", "order inquiry" or ' +
          '"unclassified". If the intent is "question", put the best short answer in "answer". If the intent is ' +
          '"answer", put the best short utterance to continue the conversation in "ask". Provide JSON with the keys ' +
          '"intent", "topic", "class", "answer" and "ask" (use "" when a key does not apply).',
      },
    ],
    schema: {
      type: 'object',
      properties: {
        intent: { type: 'string', enum: [...INTENTS] },
        topic: { type: 'string', enum: [...TOPICS] },
        class: { type: 'string', enum: [...CLASSES] },
        answer: { type: 'string' },
        ask: { type: 'string' },
      },
      required: ['intent', 'topic', 'class', 'answer', 'ask'],
      additionalProperties: false,
    },
    validate: classificationReply,
  };
}

const yesNoReply = z.object({ answer: z.union([z.literal(1), z.literal(0), z.literal(-1)]) });

export function yesNoPrompt(utterance: string, business: string): PromptSpec<z.infer<typeof yesNoReply>> {
  return {
    name: 'yes_no',
    messages: [
      { role: 'system', content: SYSTEM(business) },
      {
        role: 'user',
        content:
          `Is the caller's reply between the triple dashes a yes or a no? ---${utterance}--- Provide JSON where the ` +
          'key is "answer" and the value is 1 for yes, 0 for no, or -1 if the reply is neutral or unclear.',
      },
    ],
    schema: {
      type: 'object',
      properties: { answer: { type: 'integer', enum: [1, 0, -1] } },
      required: ['answer'],
      additionalProperties: false,
    },
    validate: yesNoReply,
  };
}

const codeReply = z.object({
  matched: z.boolean(),
  number: z.union([z.string(), z.number(), z.null()]).transform((value) => (value === null ? '' : String(value).replace(/\D+/g, ''))),
});

export function codePrompt(utterance: string, code: string, business: string): PromptSpec<z.infer<typeof codeReply>> {
  return {
    name: 'code_verification',
    messages: [
      { role: 'system', content: SYSTEM(business) },
      {
        role: 'user',
        content:
          'Find a number from the text between the triple dashes and compare it with the number from the text ' +
          `between the triple hashes ---${utterance}---, ###${code}###. Spoken digits ("four seven") count as ` +
          'numbers. Provide in JSON format where the key is "matched" and the value is true if the numbers are equal ' +
          'or false if they are not equal. And the second key is "number" and the value is the detected number as a ' +
          'string of digits ("" when there is none).',
      },
    ],
    schema: {
      type: 'object',
      properties: { matched: { type: 'boolean' }, number: { type: 'string' } },
      required: ['matched', 'number'],
      additionalProperties: false,
    },
    validate: codeReply,
  };
}

export function freeAnswerMessages(question: string, context: ConversationContext): PromptSpec<never>['messages'] {
  return [
    {
      role: 'system',
      content:
        `You are the phone receptionist of ${context.businessName}. Answer the caller's question in at most two ` +
        'short spoken sentences, plain text, no lists or markup.',
    },
    ...context.history.slice(-6).map((turn) => ({ role: turn.role === 'caller' ? ('user' as const) : ('assistant' as const), content: turn.text })),
    { role: 'user', content: question },
  ];
}
