// The free-speech dictionary's telephone variants: a word-final /s/ or /z/ may be missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareModel, weakFinalSibilantVariants } from './model.js';

test('words ending in /s/ or /z/ also get a pronunciation without it; short and other words do not', () => {
  const cmudict = new Map([['bills', ['B IH L Z']], ['is', ['IH Z']], ['bill', ['B IH L']], ['charges', ['CH AA R JH AH Z', 'CH AA R JH IH Z']]]);
  assert.deepEqual(weakFinalSibilantVariants(['bills', 'is', 'bill', 'charges', 'unknown'], cmudict), {
    bills: ['B IH L'],
    charges: ['CH AA R JH AH', 'CH AA R JH IH'],
  });
});

test('the free-speech dictionary carries the variants after the cmudict pronunciations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-model-'));
  try {
    const model = prepareModel(dir, ['bills', 'bill']);
    const lines = readFileSync(model.dictPath, 'utf8').trim().split('\n');
    assert.deepEqual(lines, ['bill B IH L', 'bills B IH L Z', 'bills(2) B IH L']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
