// The ARPA writer: header counts, normalized unigrams, Witten-Bell reserved mass and back-off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArpa, tokenize, vocabularyOf } from './arpa.js';

function section(arpa: string, order: number): string[][] {
  const start = arpa.indexOf(`\\${order}-grams:`);
  const end = arpa.indexOf('\n\n', start);
  return arpa.slice(start, end).split('\n').slice(1).map((line) => line.split(' '));
}

test('counts in the header match the sections, and unigram probabilities sum to one', () => {
  const arpa = buildArpa(['i want to pay my bill', 'i want to cancel my order', 'pay my bill please']);
  for (const order of [1, 2, 3]) {
    const declared = Number(arpa.match(new RegExp(`ngram ${order}=(\\d+)`))![1]);
    assert.equal(section(arpa, order).length, declared);
  }
  const unigrams = section(arpa, 1).filter(([, word]) => word !== '<s>');
  const sum = unigrams.reduce((total, [logp]) => total + 10 ** Number(logp), 0);
  assert.ok(Math.abs(sum - 1) < 1e-3, `sum ${sum}`);
});

test('bigram probabilities after a history leave mass for back-off (Witten-Bell)', () => {
  const arpa = buildArpa(['pay my bill', 'pay my order', 'pay my bill']);
  const afterMy = section(arpa, 2).filter(([, history]) => history === 'my');
  const seen = afterMy.reduce((total, [logp]) => total + 10 ** Number(logp), 0);
  // c(my)=3, T(my)=2 -> seen mass 3/5.
  assert.ok(Math.abs(seen - 0.6) < 1e-3);
  const bow = section(arpa, 1).find(([, word]) => word === 'my')!;
  assert.ok(Number(bow[2]) > -99);
});

test('tokenize keeps apostrophes, drops punctuation; empty input is refused', () => {
  assert.deepEqual(tokenize("Yes, it's MY bill!"), ['yes', "it's", 'my', 'bill']);
  assert.deepEqual(vocabularyOf(['a b', 'b c']), ['a', 'b', 'c']);
  assert.throws(() => buildArpa(['', '  ']), /at least one/);
});
