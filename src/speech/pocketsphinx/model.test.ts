// Model preparation in the data dir: the cmninit edit, the cut dictionaries, reuse on restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareModel, TELEPHONE_CMNINIT } from './model.js';

test('the grammar dictionary adds telephone-band variants to cmudict pronunciations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-model-'));
  try {
    const model = prepareModel(dir, ['seven', 'six', 'one']);
    const lines = readFileSync(model.grammarDictPath, 'utf8').trim().split('\n');
    assert.ok(lines.includes('seven S EH V AH N') && lines.includes('seven(2) EH V AH N'), lines.join('; '));
    assert.ok(lines.includes('six(2) IH K S') && lines.includes('six(3) S IH K'), lines.join('; '));
    // Free speech keeps cmudict as it is.
    assert.deepEqual(readFileSync(model.dictPath, 'utf8').split('\n').filter((l) => l.startsWith('seven')), ['seven S EH V AH N']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the model copy carries the telephone cmninit; the dictionary holds only the asked words', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-model-'));
  try {
    const model = prepareModel(dir, ['yes', 'no', 'passcode', 'zzqx']);
    const feat = readFileSync(join(model.hmmDir, 'feat.params'), 'utf8');
    assert.equal(feat.match(/^-cmninit .*$/gm)?.join(), `-cmninit ${TELEPHONE_CMNINIT}`);
    const dict = readFileSync(model.dictPath, 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    assert.ok(dict.includes('yes') && dict.includes('no') && dict.includes('passcode'));
    assert.ok(dict.every((w) => /^(yes|no|passcode)(\(\d\))?$/.test(w!)), dict.join());
    assert.deepEqual(model.missing, ['zzqx']);
    assert.ok(!readFileSync(model.dictPath, 'utf8').includes('seven'));
    const grammarDict = readFileSync(model.grammarDictPath, 'utf8');
    assert.ok(grammarDict.includes('yes Y EH S'), grammarDict);
    assert.ok(!grammarDict.includes('seven'), 'variants only for words asked for');
    // A second start-up reuses the prepared model instead of copying it again.
    const before = statSync(join(model.hmmDir, 'feat.params')).mtimeMs;
    prepareModel(dir, ['yes']);
    assert.equal(statSync(join(model.hmmDir, 'feat.params')).mtimeMs, before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
