// Yes/no/unclear classification of short replies, including the traps ("not sure", "don't transfer me").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yesNoOf } from './yes-no.js';

test('yes and its synonyms', () => {
  for (const text of ['yes', 'Yeah sure', 'yep', 'of course', "that's right", 'correct', 'okay', 'absolutely', 'alright', 'yes please transfer me', 'go ahead', 'no problem'])
    assert.equal(yesNoOf(text), 1, text);
});

test('no and its synonyms, including ones that contain yes-words', () => {
  for (const text of ['no', 'nope', 'no thanks', 'not now', 'nah', "no I'm good", "don't transfer me", 'no not right now', 'no never mind', "no I'm fine thanks", "I'm good", "I'm fine thank you", "we're all set"])
    assert.equal(yesNoOf(text), 0, text);
});

test("a polite decline is a no, but the same words agreeing are a yes", () => {
  for (const text of ["that's fine", 'sounds good', "I'm okay with that", 'good'])
    assert.equal(yesNoOf(text), 1, text);
});

test('unclear answers, including empty input', () => {
  for (const text of ['maybe later', 'what do you mean', "I'm not sure", 'can you repeat that', 'hmm let me think', "I don't know", '', 'banana'])
    assert.equal(yesNoOf(text), -1, text);
});
