// The LLM brain: the seed's three prompts against any OpenAI-compatible chat server, structured output
// (json_schema / json_object / prompt-only by capability), zod-validated, one retry on invalid JSON,
// and the rules brain answering the turn on timeout or error so the caller never hears dead air.
import { EventEmitter } from 'node:events';
import type { Brain, Classification, CodeCheck, ConversationContext, YesNo } from './brain.js';
import { codePrompt, freeAnswerMessages, intentsPrompt, yesNoPrompt, type PromptSpec } from './openai-prompts.js';
import { OpenAIApi, OpenAIError, asNetworkError, serverSentJson } from '../../speech/tts/openai-api.js';
import { openaiBaseUrl, openaiModel, secret, type OpenAIConfig } from '../../config/cloud.js';
import { providerErrors } from '../../metrics.js';
import { logger as makeLogger, type Logger } from '../../log.js';

/** Set on a result the fallback brain produced: why the LLM did not answer. */
export interface FallbackMarker {
  fallback?: { brain: string; reason: string };
}
export interface BrainFallbackEvent {
  method: 'classify' | 'yesNo' | 'verifyCode';
  reason: string;
}

export interface OpenAIBrainOptions {
  config: OpenAIConfig;
  /** Answers any turn the LLM cannot (the embedded rules brain). */
  fallback: Brain;
  businessName: string;
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

class InvalidReplyError extends Error {}

export class OpenAIBrain extends EventEmitter<{ fallback: [BrainFallbackEvent] }> implements Brain {
  readonly name = 'openai';
  private readonly api: OpenAIApi;
  private readonly model: string;
  private readonly log: Logger;

  constructor(private readonly options: OpenAIBrainOptions) {
    super();
    const env = options.env ?? process.env;
    this.api = new OpenAIApi({ baseUrl: openaiBaseUrl(options.config, env), apiKey: secret(options.config.apiKey, env), maxRetries: 1 });
    this.model = openaiModel(options.config, env);
    this.log = options.logger ?? makeLogger('brain-openai');
  }

  async classify(utterance: string, context: ConversationContext): Promise<Classification & FallbackMarker> {
    return this.withFallback('classify', async (deadline) => {
      const reply = await this.complete(intentsPrompt(utterance, context), deadline);
      const result: Classification = { intent: reply.intent, topic: reply.topic, class: reply.intent === 'request' ? reply.class : 'unclassified' };
      if (reply.answer) result.answer = reply.answer;
      if (reply.ask) result.ask = reply.ask;
      return result;
    }, (reason) => this.options.fallback.classify(utterance, context).then((result) => ({ ...result, fallback: { brain: this.options.fallback.name, reason } })));
  }

  async yesNo(utterance: string): Promise<YesNo> {
    return this.withFallback('yesNo', async (deadline) => (await this.complete(yesNoPrompt(utterance, this.options.businessName), deadline)).answer,
      () => this.options.fallback.yesNo(utterance));
  }

  /** The LLM finds the number; the comparison is ours, so a confused model cannot let a robocall through. */
  async verifyCode(utterance: string, code: string): Promise<CodeCheck & FallbackMarker> {
    return this.withFallback('verifyCode', async (deadline) => {
      const reply = await this.complete(codePrompt(utterance, code, this.options.businessName), deadline);
      return { matched: reply.number === code, number: reply.number };
    }, (reason) => this.options.fallback.verifyCode(utterance, code).then((result) => ({ ...result, fallback: { brain: this.options.fallback.name, reason } })));
  }

  /**
   * A free answer streamed sentence by sentence (SSE), so speech can start on the first one. Throws
   * OpenAIError on failure before the first sentence; the caller then uses classify()'s answer.
   */
  async *answerStream(question: string, context: ConversationContext, signal?: AbortSignal): AsyncGenerator<string> {
    const deadline = performance.now() + this.options.config.timeoutMs;
    const messages = freeAnswerMessages(question, context);
    if (!this.options.config.streaming) {
      const response = await this.api.post('/chat/completions', { model: this.model, messages, temperature: this.options.config.temperature }, { deadline, signal });
      const text = contentOf(await response.json());
      yield* sentences([text]);
      return;
    }
    const response = await this.api.post('/chat/completions', { model: this.model, messages, temperature: this.options.config.temperature, stream: true }, { deadline, signal, stream: true });
    if (!response.body) throw new OpenAIError('empty stream', 502);
    const deltas = async function* () {
      try {
        for await (const chunk of serverSentJson(response.body!)) {
          const delta = (chunk as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
          if (delta) yield delta;
        }
      } catch (error) {
        throw error instanceof OpenAIError || error instanceof SyntaxError ? error : asNetworkError(error, signal);
      }
    };
    yield* sentences(deltas());
  }

  private async withFallback<T>(method: BrainFallbackEvent['method'], primary: (deadline: number) => Promise<T>, fallback: (reason: string) => Promise<T>): Promise<T> {
    const deadline = performance.now() + this.options.config.timeoutMs;
    try {
      return await primary(deadline);
    } catch (error) {
      const kind = error instanceof OpenAIError ? error.kind : error instanceof InvalidReplyError ? 'invalid-reply' : 'error';
      const reason = `${kind}: ${(error as Error).message}`;
      providerErrors.inc({ provider: 'openai', kind });
      providerErrors.inc({ provider: 'openai', kind: 'fallback' });
      this.log.warn({ method, kind }, 'LLM turn failed; the rules brain answers it');
      this.emit('fallback', { method, reason });
      return fallback(reason);
    }
  }

  /** One chat completion parsed and validated; an unusable reply is asked for once more. */
  private async complete<T>(spec: PromptSpec<T>, deadline: number): Promise<T> {
    let lastProblem = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await this.api.post('/chat/completions', this.requestBody(spec), { deadline });
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        throw asNetworkError(error);
      }
      const parsed = parseJsonReply(contentOf(body));
      const checked = parsed === undefined ? undefined : spec.validate.safeParse(parsed);
      if (checked?.success) return checked.data;
      lastProblem = parsed === undefined ? 'reply is not JSON' : `reply does not match ${spec.name}`;
      providerErrors.inc({ provider: 'openai', kind: 'invalid-reply' });
      if (performance.now() >= deadline) break;
    }
    throw new InvalidReplyError(lastProblem);
  }

  private requestBody(spec: PromptSpec<unknown>): Record<string, unknown> {
    const body: Record<string, unknown> = { model: this.model, messages: spec.messages, temperature: this.options.config.temperature };
    const mode = this.options.config.structuredOutput;
    if (mode === 'json_schema') body.response_format = { type: 'json_schema', json_schema: { name: spec.name, schema: spec.schema, strict: true } };
    else if (mode === 'json_object') body.response_format = { type: 'json_object' };
    return body;
  }
}

function contentOf(body: unknown): string {
  const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  return typeof content === 'string' ? content : '';
}

/** JSON from a reply, tolerating the ```json fences and leading prose some local models add. */
export function parseJsonReply(content: string): unknown {
  const candidates = [content.trim(), content.replace(/^[\s\S]*?```(?:json)?\s*([\s\S]*?)```[\s\S]*$/, '$1').trim()];
  const braces = /\{[\s\S]*\}/.exec(content);
  if (braces) candidates.push(braces[0]);
  for (const candidate of candidates) {
    try {
      const value = JSON.parse(candidate);
      if (value && typeof value === 'object') return value;
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

/** Re-chunks streamed text into sentences (". ! ?" followed by space or end). */
async function* sentences(parts: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const part of parts) {
    buffer += part;
    let match: RegExpExecArray | null;
    while ((match = /^([\s\S]*?[.!?])\s+/.exec(buffer))) {
      const sentence = match[1]!.trim();
      buffer = buffer.slice(match[0].length);
      if (sentence) yield sentence;
    }
  }
  if (buffer.trim()) yield buffer.trim();
}

/** createBrain's hook: the LLM brain in front of the rules brain when config says `brain: openai`. */
export function withLlmBrain(
  config: { brain?: 'rules' | 'openai'; cloud?: { openai: OpenAIConfig }; assistant: object },
  rules: Brain,
): Brain {
  if (config.brain !== 'openai' || !config.cloud) return rules;
  const businessName = (config.assistant as { businessName?: string }).businessName ?? 'frontdesk';
  return new OpenAIBrain({ config: config.cloud.openai, fallback: rules, businessName });
}
