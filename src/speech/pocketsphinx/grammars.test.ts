// JSGF grammars: digit slots, the forced expected-code path, dictionary coverage of every word, yes/no lead-ins,
// which yes/no LM hypotheses are lone fragments of an answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digitsAsWords, digitsGrammar, forcedDigitsGrammar, grammarWords, isAnswerFragment, yesNoGrammar, yesNoSentences } from './grammars.js';

test('the digit grammar has exactly N digit slots after optional lead-ins', () => {
  const grammar = digitsGrammar(4);
  assert.match(grammar, /public <code> = \[<pre>\] \[<pre>\] <d> <d> <d> <d>;/);
  assert.match(grammar, /<d> = zero \| oh \| one/);
});

test('the forced grammar spells the expected code, 0 as zero or oh', () => {
  assert.match(forcedDigitsGrammar('4071'), /four \(zero \| oh\) seven one;/);
  assert.equal(digitsAsWords('4071'), 'four zero seven one');
});

test('every grammar word is listed for the dictionary; yes/no sentences train the LM', () => {
  const words = new Set(grammarWords());
  const used = `${digitsGrammar(4)} ${yesNoGrammar()}`.match(/(?<== |\| |\( |\[)[a-z' ]+(?= \||;| \)|\])/g) ?? [];
  for (const phrase of used) for (const word of phrase.trim().split(' ')) assert.ok(words.has(word), word);
  assert.ok(yesNoSentences().includes('no thank you'));
});

test('yes/no lead-ins are neither answers nor near-homophones of one ("oh" is "no" without its /n/)', () => {
  const lead = /<pre> = ([^;]+);/.exec(yesNoGrammar())?.[1]?.split(' | ') ?? [];
  assert.ok(lead.length > 0);
  for (const word of ['oh', 'no', 'yes', 'yeah', 'hmm']) assert.ok(!lead.includes(word), word);
  assert.ok(!yesNoSentences().some((sentence) => sentence.startsWith('oh ')));
});

test('"go ahead" is a yes only after a yes word: alone, "go" is too close to "no"', () => {
  const yes = /<yes> = ([^;]+);/.exec(yesNoGrammar())?.[1]?.split(' | ') ?? [];
  assert.ok(yes.includes('yes') && !yes.includes('go ahead'));
  assert.ok(yesNoSentences().includes('okay go ahead'));
  assert.ok(!yesNoSentences().includes('go ahead'));
});

test('a lone word that is no answer phrase is a fragment; answers and longer phrasings are not', () => {
  for (const text of ['that', 'go', 'let', 'uh', 'uh all', 'um can', '']) assert.equal(isAnswerFragment(text), true, text);
  for (const text of ['yes', 'no', 'uh no', 'nope', 'not', "don't", 'uh think', 'maybe', 'okay uh', 'no thank you', "i'm good", 'what do you great', 'go think'])
    assert.equal(isAnswerFragment(text), false, text);
});
