// Scoring rules of the speech harness: digits, yes/no classes, word errors, percentiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyYesNo, digitErrors, digitsOf, percentile, wordErrors } from './score.js';

test('digits come from digit words, oh and zero are 0, fillers are ignored', () => {
  assert.equal(digitsOf("uh it's four oh seven zero"), '4070');
  assert.equal(digitsOf('the code is'), '');
});

test('yes/no classifier: unclear wins over no, no over yes', () => {
  assert.equal(classifyYesNo('yes please'), 1);
  assert.equal(classifyYesNo('no thank you'), 0);
  assert.equal(classifyYesNo("I'm not sure"), -1);
  assert.equal(classifyYesNo('banana'), -1);
});

test('word errors count substitutions, insertions and deletions', () => {
  assert.deepEqual(wordErrors('pay my bill', 'pay my bill'), { errors: 0, words: 3 });
  assert.deepEqual(wordErrors('pay my bill', 'pay the bill now'), { errors: 2, words: 3 });
  assert.deepEqual(wordErrors('pay my bill', ''), { errors: 3, words: 3 });
});

test('digit errors compare the spoken code with the recognized digits, fillers ignored', () => {
  assert.deepEqual(digitErrors("uh it's seven seven five one", 'it is seven one five one'), { errors: 1, digits: 4 });
  assert.deepEqual(digitErrors('oh nine two eight', 'zero nine two'), { errors: 1, digits: 4 });
});

test('percentiles', () => {
  assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
  assert.equal(percentile([5, 1, 3, 2, 4], 95), 5);
  assert.ok(Number.isNaN(percentile([], 50)));
});
