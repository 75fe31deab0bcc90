// The LM must be able to produce the words the rules brain classifies by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainSentences } from './phrases.js';
import { keywordSentences } from './keywords.js';
import { vocabularyOf } from './arpa.js';
import { RulesBrain } from '../../assistant/brain/rules.js';

test('the people and desks the brain transfers to, and its topic nouns, are in the LM vocabulary', () => {
  const vocabulary = new Set(vocabularyOf(domainSentences()));
  for (const word of ['operator', 'receptionist', 'supervisor', 'rep', 'team', 'desk', 'parcel', 'invoices', 'purchase', 'tracking', 'broadband', 'price']) {
    assert.ok(vocabulary.has(word), word);
  }
});

test('every keyword sentence is classified by the brain as it would be said (a person asked for is a transfer)', () => {
  const brain = new RulesBrain({ topics: { ordering: [], 'technical support': [], billing: [], other: [] }, faq: [] });
  const people = keywordSentences().filter((s) => /operator|receptionist|supervisor|\brep\b|team|desk/.test(s));
  assert.ok(people.length > 10);
  for (const sentence of people) assert.equal(brain.classifyNow(sentence).class, 'call transfer', sentence);
  assert.equal(brain.classifyNow('there is a problem with my parcel').topic, 'ordering');
});

test('the keyword group stays small beside the rest of the LM', () => {
  assert.ok(keywordSentences().length * 20 < domainSentences().length);
});
