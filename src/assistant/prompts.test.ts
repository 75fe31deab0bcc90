// Prompt templating and speakable money and dates; the recognizer vocabulary taken from the config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedSentences, renderPrompt, spokenDate, spokenMoney } from './prompts.js';
import { defaultPrompts } from '../config/assistant-prompts.js';
import { vocabularyOf } from './vocabulary.js';

test('templates are filled; a missing value leaves no dangling space or placeholder', () => {
  assert.equal(renderPrompt(defaultPrompts, 'confirmTransfer', { agent: 'Ben', department: 'billing' }), 'Do you want me to transfer your call to Ben in billing?');
  assert.equal(renderPrompt(defaultPrompts, 'greetingCustomer', { business: 'Acme' }), 'Thank you for calling Acme! How can I help you today?');
  assert.doesNotMatch(renderPrompt(defaultPrompts, 'billingSummary', { amount: '5 dollars', nextDueDate: 'May 1, 2026' }), /[{}]|\s\./);
});

test('money and dates are spoken, not read as symbols', () => {
  assert.equal(spokenMoney(89.99), '89 dollars and 99 cents');
  assert.equal(spokenMoney(1), '1 dollar');
  assert.equal(spokenMoney(120, 'EUR'), '120 euros');
  assert.equal(spokenDate('2026-12-15'), 'December 15, 2026');
  assert.equal(spokenDate('not a date'), 'not a date');
});

test('the recognizer vocabulary carries names, FAQ triggers and topic phrases', () => {
  const vocabulary = vocabularyOf({
    topics: { ordering: ['gift card'], 'technical support': [], billing: [], other: [] },
    faq: [{ id: 'hours', answer: 'x', triggers: ['opening hours'], topic: 'other' }],
    customers: [{ name: 'John Smith', phoneNumbers: ['+16505550101'] }],
    agents: [{ name: 'Ben', department: 'billing', uri: '103', transfer: 'refer', status: 'available' }],
  });
  assert.deepEqual(vocabulary.names, ['John Smith', 'Ben']);
  assert.deepEqual(vocabulary.faq, ['opening hours']);
  assert.deepEqual(vocabulary.topics, ['gift card']);
});

test('fixed sentences: per customer and agent, FAQ answers, nothing that depends on the call', () => {
  const sentences = fixedSentences({
    prompts: defaultPrompts,
    businessName: 'Acme',
    customers: [{ name: 'Ann Lee', phoneNumbers: ['+16505550100'] } as never],
    agents: [{ name: 'Ben', department: 'billing' } as never],
    faq: [{ id: 'hours', answer: 'Nine to five.', triggers: ['hours'] } as never],
  });
  assert.ok(sentences.includes('Thank you for calling Acme, Ann!'));
  assert.ok(sentences.includes('Do you want me to transfer your call to Ben in billing?'));
  assert.ok(sentences.includes('Sorry, nobody in technical support can take calls right now.'));
  assert.ok(sentences.includes('Nine to five.'));
  // The screening code is per call; the sentence before it is not.
  assert.ok(sentences.includes('Before we continue, please repeat or use the keypad to dial the following number.'));
  assert.ok(sentences.every((s) => !/[{}\u0001]/.test(s)));
});
