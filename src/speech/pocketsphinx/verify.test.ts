// Expected-code verification: free match, likelihood-ratio acceptance, failed forced search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCEPT_SCORE_PER_FRAME, verifyExpected } from './verify.js';

const free = { text: 'one two three five', confidence: 1 };
const forced = { text: 'one two three four', confidence: 1 };

test('a free result equal to the expected code is verified as it is', () => {
  const result = verifyExpected({ expected: '1235', free, freeScore: -1000, forced, forcedScore: -5000, frames: 100 });
  assert.equal(result.verified, true);
  assert.equal(result.text, free.text);
});

test('the forced path is accepted when its score per frame is close enough to the free one', () => {
  const close = verifyExpected({ expected: '1234', free, freeScore: -1000, forced, forcedScore: -1000 + (ACCEPT_SCORE_PER_FRAME + 0.5) * 100, frames: 100 });
  assert.equal(close.verified, true);
  assert.equal(close.text, 'one two three four');
  assert.equal(close.nbest?.[1]?.text, free.text);
  const far = verifyExpected({ expected: '1234', free, freeScore: -1000, forced, forcedScore: -1000 + (ACCEPT_SCORE_PER_FRAME - 0.5) * 100, frames: 100 });
  assert.equal(far.verified, false);
  assert.equal(far.text, free.text);
});

test('a forced search that found no path is never accepted', () => {
  const result = verifyExpected({ expected: '1234', free, freeScore: -1000, forced: { text: '', confidence: 0 }, forcedScore: 0, frames: 100 });
  assert.equal(result.verified, false);
});
