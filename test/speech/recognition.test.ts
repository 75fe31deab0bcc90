// Recognition of a fixed DEV subset through the call path (Listener -> VAD -> pocketsphinx): only
// items the eval harness got right in every run (flite voices, different kinds), plus passcode
// verification against the expected code and a wrong one (also on an espeak code the free grammar mishears).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { classifyYesNo, digitsOf, wordErrors } from '../../src/speech/eval/score.js';
import { evaluateItem, wrongCodeFor } from '../../src/speech/eval/run.js';
import { corpusItem, testStack } from './helpers.js';

let stack: Awaited<ReturnType<typeof testStack>>;
before(async () => {
  stack = await testStack();
});
after(async () => {
  await stack?.close();
});

const options = () => ({ stt: stack.stt, vadFactory: stack.vadFactory });

test('passcodes spoken by flite voices are recognized digit for digit', async () => {
  for (const file of ['passcode-013.wav', 'passcode-015.wav', 'passcode-032.wav', 'passcode-049.wav']) {
    const item = corpusItem(file);
    const outcome = await evaluateItem(item, options());
    assert.equal(digitsOf(outcome.hypothesis), item.expect.digits, `${file}: ${outcome.hypothesis}`);
  }
});

test('yes/no answers are classified right', async () => {
  for (const file of ['yesno-064.wav', 'yesno-081.wav', 'yesno-083.wav', 'yesno-097.wav']) {
    const item = corpusItem(file);
    const outcome = await evaluateItem(item, options());
    assert.equal(classifyYesNo(outcome.hypothesis), item.expect.answer, `${file}: ${outcome.hypothesis}`);
  }
});

test('free requests are transcribed with the domain language model', async () => {
  for (const file of ['request-101.wav', 'request-134.wav']) {
    const item = corpusItem(file);
    const outcome = await evaluateItem(item, options());
    assert.equal(wordErrors(item.text, outcome.hypothesis).errors, 0, `${file}: ${outcome.hypothesis}`);
    assert.ok(outcome.latencyMs !== undefined && outcome.latencyMs >= 0);
  }
});

test('with the expected code as context, the right code is accepted and a wrong one is not', async () => {
  const item = corpusItem('passcode-014.wav');
  const right = await evaluateItem(item, { ...options(), withExpectedCode: true });
  assert.equal(digitsOf(right.hypothesis), item.expect.digits);
  const wrong = await evaluateItem(item, { ...options(), withExpectedCode: true }, '6727');
  assert.equal(wrong.falseAccept, false);
});

test('a code the digit grammar mishears is verified against the expected code, never against a wrong one', async () => {
  // espeak-ng f2: decoded blind as "six six five nine"; its forced path scores far above the threshold.
  const item = corpusItem('passcode-008.wav');
  const right = await evaluateItem(item, { ...options(), withExpectedCode: true });
  assert.equal(digitsOf(right.hypothesis), item.expect.digits, right.hypothesis);
  const wrong = await evaluateItem(item, { ...options(), withExpectedCode: true }, wrongCodeFor(item.expect.digits!));
  assert.equal(wrong.falseAccept, false, wrong.hypothesis);
});
