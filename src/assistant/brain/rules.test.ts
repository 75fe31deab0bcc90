// The rules brain against the corpus labelling rules: intent, topic, class, FAQ answers, code checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RulesBrain } from './rules.js';

const brain = new RulesBrain({
  topics: { ordering: ['gift card'], 'technical support': [], billing: [], other: [] },
  faq: [
    { id: 'hours', answer: 'We are open 9 to 5.', triggers: ['hours', 'open'], topic: 'other' },
    { id: 'email', answer: 'Write to help@example.com.', triggers: ['email address', 'email'], topic: 'other' },
  ],
});
const context = { businessName: 'Acme', history: [] };

test('requests: transfer, billing, order, unclassified by the labelling rules', async () => {
  assert.deepEqual(await brain.classify('I need to speak to an agent about my bill', context), { intent: 'request', topic: 'billing', class: 'call transfer' });
  assert.deepEqual(await brain.classify('I was charged twice on my bill', context), { intent: 'request', topic: 'billing', class: 'billing inquiry' });
  assert.deepEqual(await brain.classify("I'd like to place a new order", context), { intent: 'request', topic: 'ordering', class: 'order inquiry' });
  assert.deepEqual(await brain.classify('my router is not working', context), { intent: 'request', topic: 'technical support', class: 'unclassified' });
  assert.deepEqual(await brain.classify('can I talk to a real person', context), { intent: 'request', topic: 'other', class: 'call transfer' });
});

test('questions get FAQ answers; the best-matching entry wins', async () => {
  const hours = await brain.classify('what are your opening hours', context);
  assert.equal(hours.intent, 'question');
  assert.equal(hours.answer, 'We are open 9 to 5.');
  const email = await brain.classify('what is your email address', context);
  assert.equal(email.answer, 'Write to help@example.com.');
  const unknown = await brain.classify('why is my bill so high', context);
  assert.deepEqual(unknown, { intent: 'question', topic: 'billing', class: 'unclassified' });
});

test('answers to our questions', async () => {
  assert.equal((await brain.classify("it's about my bill", context)).intent, 'answer');
  assert.equal((await brain.classify('the order number is three three eight one', context)).intent, 'answer');
  assert.equal((await brain.classify('I already restarted the modem twice', context)).intent, 'answer');
});

test('config topic phrases extend the built-in patterns', async () => {
  assert.equal((await brain.classify('I want a gift card', context)).topic, 'ordering');
});

test('verifyCode finds the code among fillers and number words', async () => {
  assert.deepEqual(await brain.verifyCode("uh it's four seven one two", '4712'), { matched: true, number: '4712' });
  assert.deepEqual(await brain.verifyCode('four seven one three', '4712'), { matched: false, number: '4713' });
  assert.deepEqual(await brain.verifyCode('hello?', '4712'), { matched: false, number: '' });
  assert.equal((await brain.verifyCode('1 2 3 4 4 7 1 2 9 9', '4712')).matched, false);
});

test('yesNo follows the seed: 1, 0, -1', async () => {
  assert.equal(await brain.yesNo('yes please'), 1);
  assert.equal(await brain.yesNo('no thanks'), 0);
  assert.equal(await brain.yesNo('maybe'), -1);
});

test('robust to recognition errors: verbless answers, actions over objects, partial transfer phrases', async () => {
  // The recognizer dropped "it's about" / "it's": a noun phrase is a reply, not a request.
  assert.deepEqual(await brain.classify('a personal matter', context), { intent: 'answer', topic: 'other', class: 'unclassified' });
  assert.equal((await brain.classify('the late fee on my statement', context)).intent, 'answer');
  // One garbled word where "it's" was still leaves the noun phrase; a verb there makes it a sentence.
  assert.equal((await brain.classify('good a general question', context)).intent, 'answer');
  assert.equal((await brain.classify('cancel the order', context)).intent, 'request');
  // …but a bare wish, a sentence with a lost verb or a person asked for stays a request.
  assert.equal((await brain.classify('billing please', context)).intent, 'request');
  assert.equal((await brain.classify('i forgot my password', context)).intent, 'request');
  assert.deepEqual(await brain.classify('a real person', context), { intent: 'request', topic: 'other', class: 'call transfer' });
  // Buying a router is ordering; setting something up is support.
  assert.equal((await brain.classify('I want to buy a new router', context)).topic, 'ordering');
  assert.equal((await brain.classify('I need help setting up my new order', context)).topic, 'technical support');
  // "let me speak to…" misheard as "when me speak to…", and "to" dropped after "talk".
  assert.deepEqual(await brain.classify('when me speak to a human', context), { intent: 'request', topic: 'other', class: 'call transfer' });
  assert.equal((await brain.classify('can i talk hello in billing', context)).class, 'call transfer');
  assert.deepEqual(await brain.classify('when is the billing department please', context), { intent: 'request', topic: 'billing', class: 'call transfer' });
  assert.equal((await brain.classify('when is the billing department open', context)).intent, 'question');
  // A department named in a request asks to be put through, whatever the recognizer made of "the".
  assert.equal((await brain.classify('leave and week a order department', context)).class, 'call transfer');
  assert.equal((await brain.classify("I'd like to be put through to billing", context)).class, 'call transfer');
});
