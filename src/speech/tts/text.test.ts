// Prompt text helpers: digits one by one, sentence splitting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { speakDigits, splitSentences } from './text.js';

test('digits are spoken one by one', () => {
  assert.equal(speakDigits('4712'), '4, 7, 1, 2');
  assert.equal(speakDigits('0-8'), '0, 8');
  assert.equal(speakDigits(''), '');
});

test('sentences split at their ends and blanks are dropped', () => {
  assert.deepEqual(splitSentences('Hello there. How can I help?  Say yes; or no!'), ['Hello there.', 'How can I help?', 'Say yes;', 'or no!']);
  assert.deepEqual(splitSentences(' ... '), []);
  assert.deepEqual(splitSentences('Version 1.5 is out'), ['Version 1.5 is out']);
});
