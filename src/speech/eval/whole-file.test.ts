// The onset cut of whole-file yes/no decoding: from the first loud 20 ms frame, as the Watson fake starts a phrase.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromOnset } from './whole-file.js';

test('the onset cut starts at the first frame at least as loud as the fake\'s threshold, and keeps the rest', () => {
  const samples = new Int16Array(160 * 10);
  samples.fill(100, 0, 160 * 4); // quiet: below the threshold
  samples.fill(2000, 160 * 4, 160 * 6);
  const cut = fromOnset(samples);
  assert.equal(cut.length, 160 * 6);
  assert.equal(cut[0], 2000);
});

test('with no loud frame the whole file is kept', () => {
  assert.equal(fromOnset(new Int16Array(1600).fill(50)).length, 1600);
});
