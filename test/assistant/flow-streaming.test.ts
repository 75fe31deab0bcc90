// Streamed free answers at flow level: the OpenAI brain against the local OpenAI fake (SSE). The
// first sentence is played before the stream has ended; a stream that fails before its first
// sentence falls back to the classification's answer; the rules brain path is unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai.js';
import { OpenAIBrain } from '../../src/assistant/brain/openai.js';
import { RulesBrain } from '../../src/assistant/brain/rules.js';
import { openaiSchema } from '../../src/config/cloud.js';
import type { ConversationContext } from '../../src/assistant/brain/brain.js';
import { harness, runCall, testConfig, KNOWN } from './flow-harness.js';

let fake: OpenAIFake;
before(async () => {
  fake = await startOpenAIFake({ apiKey: 'sk-flow' });
});
after(() => fake.close());

/** The OpenAI brain whose answer stream logs when it yields and when it is done. */
function observedBrain(config = testConfig(), log: string[] = []) {
  const llm = new OpenAIBrain({
    config: openaiSchema.parse({ timeoutMs: 3000 }), fallback: new RulesBrain(config.assistant), businessName: 'Acme',
    env: { GPT_SERVER_URL: fake.url, GPT_API_KEY: 'sk-flow' },
  });
  const stream = llm.answerStream.bind(llm);
  llm.answerStream = async function* (question: string, context: ConversationContext, signal?: AbortSignal) {
    for await (const sentence of stream(question, context, signal)) {
      log.push(`streamed: ${sentence}`);
      yield sentence;
    }
    log.push('stream done');
  };
  return { config, llm, log };
}

test('a free answer is spoken sentence by sentence: the first sentence plays before the stream ends', async () => {
  const { config, llm, log } = observedBrain();
  const scripts = new Map();
  const h = await harness(config, scripts, undefined, { brain: llm });
  fake.requests.length = 0;
  const { call, record } = await runCall(h, scripts, KNOWN, [{ say: 'when are you open on saturday' }, { say: 'no that is all' }], (c) => {
    c.onPrompt = (text) => log.push(`played: ${text}`);
  });
  const first = log.indexOf('played: We are open Monday to Friday, nine to five.');
  assert.ok(first >= 0, log.join(' | '));
  assert.ok(first < log.indexOf('stream done'), log.join(' | '));
  assert.ok(log.indexOf('streamed: We are open Monday to Friday, nine to five.') < first);
  // The model's own follow-up question replaces the "anything else" prompt; no sentence is said twice.
  const answerPrompts = call.prompts.slice(1, -1);
  assert.deepEqual(answerPrompts, ['We are open Monday to Friday, nine to five.', 'Is there anything else I can help you with?']);
  assert.ok(fake.requests.some((r) => r.body.stream === true));
  const streamed = record.events.find((e) => e.type === 'prompt' && e.data.streamed === true);
  assert.equal(streamed?.data.text, 'We are open Monday to Friday, nine to five. Is there anything else I can help you with?');
  const turn = record.events.find((e) => e.type === 'turn');
  assert.equal((turn?.data.classification as { intent: string }).intent, 'question');
  assert.equal(record.summary.outcome, 'completed');
  await h.close();
});

test('stream fails before its first sentence: the classification answer is said, then the call goes on', async () => {
  const { config, llm } = observedBrain();
  const scripts = new Map();
  const h = await harness(config, scripts, undefined, { brain: llm });
  fake.inject({ kind: '500', when: '"stream":true' }, { kind: '500', when: '"stream":true' });
  const { call, record } = await runCall(h, scripts, KNOWN, [{ say: 'what are your hours' }, { say: 'bye' }]);
  assert.match(call.prompts[1]!, /^We are open Monday to Friday, nine to five\.$/);
  assert.match(call.prompts[2]!, /anything else/i);
  const streamed = record.events.find((e) => e.type === 'prompt' && e.data.streamed === true);
  assert.match(String(streamed?.data.failure), /server|500/);
  assert.equal(record.summary.outcome, 'completed');
  await h.close();
});

test('rules brain: no stream, the FAQ answer and the follow-up in one prompt as before', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { call, record } = await runCall(h, scripts, KNOWN, [{ say: 'what are your opening hours' }, { say: 'bye' }]);
  assert.match(call.prompts[1]!, /^We are open nine to five\. .*anything else/i);
  assert.ok(record.events.every((e) => e.data.streamed === undefined));
  await h.close();
});
