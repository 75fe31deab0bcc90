// The OpenAI brain against the local OpenAI fake: json_schema and json_object modes, the wire shape,
// invalid-JSON retry, 429 with Retry-After, 500 / slow / unreachable → the rules brain answers the turn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai.js';
import { OpenAIBrain, type BrainFallbackEvent } from '../../src/assistant/brain/openai.js';
import { openaiSchema } from '../../src/config/cloud.js';
import { providerErrors } from '../../src/metrics.js';
import { RulesBrain } from '../../src/assistant/brain/rules.js';
import { assistantSchema } from '../../src/config/assistant.js';

const fallbackBrain = new RulesBrain(assistantSchema.parse({}));

let fake: OpenAIFake;
const context = { businessName: 'Acme', history: [] };

function brain(overrides: Record<string, unknown> = {}, url = fake.url) {
  const config = openaiSchema.parse({ timeoutMs: 1500, ...overrides });
  return new OpenAIBrain({ config, fallback: fallbackBrain, businessName: 'Acme', env: { GPT_SERVER_URL: url, GPT_API_KEY: 'sk-test-123' } });
}

async function fallbackCount(): Promise<number> {
  const metric = await providerErrors.get();
  return metric.values.find((v) => v.labels.provider === 'openai' && v.labels.kind === 'fallback')?.value ?? 0;
}

before(async () => {
  fake = await startOpenAIFake({ apiKey: 'sk-test-123' });
});
after(() => fake.close());

test('json_schema mode: the three prompts go out with strict schemas and come back validated', async () => {
  const llm = brain();
  fake.requests.length = 0;
  const classification = await llm.classify('can I speak to a person about my bill', context);
  assert.deepEqual(classification, { intent: 'request', topic: 'billing', class: 'call transfer' });
  assert.equal(await llm.yesNo('yes please'), 1);
  assert.equal(await llm.yesNo('no thanks'), 0);
  assert.deepEqual(await llm.verifyCode('uh it is four seven one two', '4712'), { matched: true, number: '4712' });
  assert.deepEqual(await llm.verifyCode('four seven one three', '4712'), { matched: false, number: '4713' });
  const first = fake.requests[0]!;
  assert.equal(first.path, '/v1/chat/completions');
  assert.equal(first.authorization, 'Bearer sk-test-123');
  assert.equal(first.body.model, 'gpt-4o-mini');
  assert.equal(first.body.response_format.type, 'json_schema');
  assert.equal(first.body.response_format.json_schema.name, 'caller_intent');
  assert.equal(first.body.response_format.json_schema.strict, true);
  assert.equal(first.body.messages[0].role, 'system');
});

test('json_object mode for servers without json_schema; prompt-only mode tolerates fenced JSON', async () => {
  const plain = await startOpenAIFake({ jsonSchema: false });
  try {
    const llm = brain({ structuredOutput: 'json_object' }, plain.url);
    const answer = await llm.classify('what are your opening hours', context);
    assert.equal(answer.intent, 'question');
    assert.ok(answer.answer);
    assert.equal(plain.requests[0]!.body.response_format.type, 'json_object');
    const none = brain({ structuredOutput: 'none' }, plain.url);
    assert.equal(await none.yesNo('yeah sure'), 1);
    assert.equal(plain.requests[1]!.body.response_format, undefined);
    // json_schema against that server is a 400: the turn still gets an answer, from the rules brain.
    const wrong = brain({}, plain.url);
    const result = await wrong.classify('I want to order a router', context);
    assert.equal(result.fallback?.brain, 'rules');
  } finally {
    await plain.close();
  }
});

test('invalid JSON is asked for once more; twice invalid falls back', async () => {
  const llm = brain();
  fake.inject({ kind: 'invalid-json' });
  fake.requests.length = 0;
  assert.deepEqual(await llm.verifyCode('4 7 1 2', '4712'), { matched: true, number: '4712' });
  assert.equal(fake.requests.length, 2);
  fake.inject({ kind: 'invalid-json' }, { kind: 'invalid-json' });
  const events: BrainFallbackEvent[] = [];
  llm.on('fallback', (event) => events.push(event));
  const result = await llm.verifyCode('4 7 1 2', '4712');
  assert.equal(result.matched, true);
  assert.match(result.fallback!.reason, /invalid-reply/);
  assert.equal(events[0]?.method, 'verifyCode');
});

test('429 with Retry-After is waited out within the turn budget', async () => {
  const llm = brain({ timeoutMs: 5000 });
  fake.requests.length = 0;
  fake.inject({ kind: '429', retryAfter: 1 });
  const started = performance.now();
  assert.equal(await llm.yesNo('yes'), 1);
  assert.equal(fake.requests.length, 2);
  assert.ok(performance.now() - started >= 900, 'waited for Retry-After');
});

test('500, slow answers and an unreachable server: the rules brain answers and metrics count it', async () => {
  const llm = brain({ timeoutMs: 600 });
  const before = await fallbackCount();
  fake.inject({ kind: '500' }, { kind: '500' });
  assert.equal((await llm.classify('I need help with my internet', context)).fallback?.brain, 'rules');
  fake.inject({ kind: 'slow', ms: 2000 });
  assert.equal(await llm.yesNo('yes'), 1); // from the fallback, after the 600 ms budget
  const gone = brain({ timeoutMs: 600 }, 'http://127.0.0.1:9/v1');
  assert.match((await gone.verifyCode('1 2 3 4', '1234')).fallback!.reason, /network/);
  assert.equal(await fallbackCount(), before + 3);
});

test('wrong API key: 401 is not retried and the turn falls back', async () => {
  const config = openaiSchema.parse({ timeoutMs: 1500 });
  const llm = new OpenAIBrain({ config, fallback: fallbackBrain, businessName: 'Acme', env: { GPT_SERVER_URL: fake.url, GPT_API_KEY: 'sk-wrong' } });
  fake.requests.length = 0;
  const result = await llm.classify('hello', context);
  assert.match(result.fallback!.reason, /client: Incorrect API key/);
  assert.equal(fake.requests.length, 1);
});

test('free answers stream sentence by sentence over SSE', async () => {
  const llm = brain();
  const sentences: string[] = [];
  for await (const sentence of llm.answerStream('when are you open?', context)) sentences.push(sentence);
  assert.deepEqual(sentences, ['We are open Monday to Friday, nine to five.', 'Is there anything else I can help you with?']);
  assert.equal(fake.requests.at(-1)!.body.stream, true);
});

test('createBrain: `brain: openai` puts the LLM in front of the rules brain; default stays rules', async () => {
  const { createBrain } = await import('../../src/assistant/brain/index.js');
  const { parseConfig } = await import('../../src/config/load.js');
  assert.equal(createBrain(parseConfig({}, 'test', {})).name, 'rules');
  const llm = createBrain(parseConfig({ brain: 'openai', cloud: { openai: { url: fake.url } } }, 'test', {}));
  assert.equal(llm.name, 'openai');
});
