// The compositional caller phrasing: rotation semantics, balance between groups, and that every word
// has a pronunciation (a word missing from cmudict silently drops its whole sentence from the LM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rotate, templateSentences } from './templates.js';
import { domainSentences } from './phrases.js';
import { vocabularyOf } from './arpa.js';
import { loadCmudict } from '../pocketsphinx/model.js';

test('rotate pairs each item with the next `per` items of the other list, wrapping around', () => {
  assert.deepEqual(rotate(['a', 'b'], ['x', 'y', 'z'], 2), ['a x', 'a y', 'b z', 'b x']);
  assert.deepEqual(rotate(['a'], ['', 'x'], 2), ['a', 'a x']);
  assert.deepEqual(rotate(['a'], ['x'], 3, '-'), ['a-x']);
});

test('templates recombine things with faults, and no sentence dominates by repetition', () => {
  const sentences = templateSentences();
  assert.ok(sentences.length > 500);
  // One thing meets several faults, and one fault several things.
  assert.ok(new Set(sentences.filter((s) => s.startsWith('my router '))).size >= 3);
  assert.ok(new Set(sentences.filter((s) => / keeps crashing\b/.test(s)).map((s) => s.split(' keeps')[0])).size >= 3);
  const counts = new Map<string, number>();
  for (const s of sentences) counts.set(s, (counts.get(s) ?? 0) + 1);
  assert.ok(Math.max(...counts.values()) <= 3);
});

test('questions and problem reports can start a sentence without an opener', () => {
  const starts = new Set(domainSentences().map((s) => s.split(' ')[0]));
  for (const word of ['what', 'where', 'how', 'is', 'are', 'do', 'my', 'the']) assert.ok(starts.has(word), word);
});

test("every template word has a pronunciation (cmudict or the app's own)", () => {
  const dictionary = loadCmudict();
  assert.deepEqual(vocabularyOf(templateSentences()).filter((word) => !dictionary.has(word)), []);
});
