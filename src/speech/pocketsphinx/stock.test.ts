// The decoder stock: a reused decoder starts each utterance as a new one would (its CMN reset), and a
// first turn's tracking search follows exactly the cepstral mean a real search would have ended with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArpa, vocabularyOf } from '../lm/arpa.js';
import { Upsampler2x } from '../resample.js';
import type { RecognitionContext } from '../types.js';
import { corpusSamples } from '../../../test/speech/helpers.js';
import type { Decoder } from './decoder.js';
import { grammarWords, yesNoSentences } from './grammars.js';
import { prepareModel } from './model.js';
import { DecoderStock } from './stock.js';

const dir = mkdtempSync(join(tmpdir(), 'ps-stock-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const model = prepareModel(dir, [...grammarWords(), ...vocabularyOf(yesNoSentences())]);
const lm = join(dir, 'yesno.arpa');
writeFileSync(lm, buildArpa(yesNoSentences()));
const setup = {
  hmmDir: model.hmmDir, dictPath: model.dictPath, grammarDictPath: model.grammarDictPath, domainLmPath: lm, yesNoLmPath: lm,
  flags: { '-fwdflat': 'no' }, grammarFlags: { '-topn': '16' }, lmFlags: {}, spareDecoders: 0, partialEveryFrames: 0,
};
const digits: RecognitionContext = { kind: 'digits', length: 4 };

/** 100 ms messages at 16 kHz, as the worker feeds them. */
function chunks(file: string): Int16Array[] {
  const samples = corpusSamples(file);
  const up = new Upsampler2x();
  const out: Int16Array[] = [];
  for (let i = 0; i < samples.length; i += 800) out.push(up.process(samples.subarray(i, i + 800)));
  return out;
}

function endMean(decoder: Decoder, audio: Int16Array[], start: () => void): { text: string; mean: number[] } {
  start();
  for (const chunk of audio) decoder.feed(chunk);
  const { text } = decoder.finish(false);
  return { text, mean: Array.from(decoder.cepstralMean ?? []) };
}

test('a decoder back from an utterance starts the next from the model cmninit, as a new one does', () => {
  const stock = new DecoderStock(setup);
  stock.prime();
  assert.ok(stock.canTrack, 'this libpocketsphinx build hides the CMN: reuse and tracking are off');
  const used = stock.take('grammar');
  endMean(used, chunks('passcode-001.wav'), () => used.begin(digits));
  stock.release(used);
  const again = stock.take('grammar');
  assert.equal(again, used, 'the released decoder serves the next session');
  const reused = endMean(again, chunks('passcode-003.wav'), () => again.begin(digits));
  const fresh = new DecoderStock(setup).take('grammar');
  const expected = endMean(fresh, chunks('passcode-003.wav'), () => fresh.begin(digits));
  assert.deepEqual(reused.mean, expected.mean);
  assert.notDeepEqual(expected.mean, [], 'the mean is readable');
  fresh.free();
});

test("a first turn's empty tracking search ends with the real search's cepstral mean, bit for bit", () => {
  const stock = new DecoderStock(setup);
  for (const file of ['passcode-001.wav', 'yesno-061.wav']) {
    const audio = chunks(file);
    const tracker = stock.take('grammar');
    const tracked = endMean(tracker, audio, () => tracker.beginTracking());
    stock.release(tracker);
    const search = stock.take('verifier');
    const searched = endMean(search, audio, () => search.begin(digits));
    stock.release(search);
    assert.deepEqual(tracked.mean, searched.mean, file);
  }
});
