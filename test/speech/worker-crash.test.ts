// A decoder worker killed mid-utterance fails only its own session ('error', so the assistant can
// re-prompt); the pool replaces the worker and the next session decodes normally. A verified passcode
// turn spans two workers: one of them dying fails the turn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PocketsphinxSession } from '../../src/speech/pocketsphinx/session.js';
import type { PocketsphinxStt } from '../../src/speech/pocketsphinx/stt.js';
import type { RecognitionResult } from '../../src/speech/types.js';
import { corpusSamples, testStack } from './helpers.js';

let stack: Awaited<ReturnType<typeof testStack>>;
before(async () => {
  stack = await testStack();
});
after(async () => {
  await stack?.close();
});

function writeAll(session: PocketsphinxSession, samples: Int16Array): void {
  for (let i = 0; i < samples.length; i += 160) session.write({ samples: samples.subarray(i, i + 160), sampleRate: 8000 });
}

test('killing the worker during decoding errors that session; the next one works', async () => {
  const stt = stack.stt as PocketsphinxStt;
  const doomed = stt.open({ kind: 'yesNo' });
  const outcome = new Promise<string>((resolve) => {
    doomed.once('error', (error) => resolve(`error: ${error.message}`));
    doomed.once('final', () => resolve('final'));
  });
  writeAll(doomed, corpusSamples('yesno-081.wav').subarray(0, 8000));
  await stt.pool.killWorkerOf(doomed.id);
  assert.match(await outcome, /^error: .*crashed/);

  const next = stt.open({ kind: 'yesNo' });
  const final = new Promise<RecognitionResult>((resolve, reject) => {
    next.once('final', resolve);
    next.once('error', reject);
  });
  writeAll(next, corpusSamples('yesno-081.wav'));
  next.end();
  assert.equal((await final).text, 'no');
});

test('a session on another worker is unaffected by the crash', async () => {
  const twoWorkers = await testStack({ workers: 2 });
  try {
    const stt = twoWorkers.stt as PocketsphinxStt;
    const doomed = stt.open({ kind: 'yesNo' });
    const survivor = stt.open({ kind: 'yesNo' }); // least-busy placement: the other worker
    const doomedOutcome = new Promise<string>((resolve) => doomed.once('error', () => resolve('error')));
    const survivorFinal = new Promise<RecognitionResult>((resolve, reject) => {
      survivor.once('final', resolve);
      survivor.once('error', reject);
    });
    writeAll(survivor, corpusSamples('yesno-081.wav').subarray(0, 4000));
    await stt.pool.killWorkerOf(doomed.id);
    assert.equal(await doomedOutcome, 'error');
    writeAll(survivor, corpusSamples('yesno-081.wav').subarray(4000));
    survivor.end();
    assert.equal((await survivorFinal).text, 'no');
  } finally {
    await twoWorkers.close();
  }
});

test('a verified passcode decodes in two processes: losing one fails the turn, and the pool recovers', async () => {
  const twoWorkers = await testStack({ workers: 2 });
  try {
    const stt = twoWorkers.stt as PocketsphinxStt;
    const context = { kind: 'digits', length: 4, expected: '1272' } as const;
    const doomed = stt.open(context);
    const outcome = new Promise<string>((resolve) => {
      doomed.once('error', (error) => resolve(`error: ${error.message}`));
      doomed.once('final', () => resolve('final'));
    });
    writeAll(doomed, corpusSamples('passcode-014.wav').subarray(0, 8000));
    await stt.pool.killWorkerOf(doomed.id);
    assert.match(await outcome, /^error: .*crashed/);

    const next = stt.open(context);
    const final = new Promise<RecognitionResult>((resolve, reject) => {
      next.once('final', resolve);
      next.once('error', reject);
    });
    writeAll(next, corpusSamples('passcode-014.wav'));
    next.end();
    assert.equal((await final).text.split(' ').slice(-4).join(' '), 'one two seven two');
  } finally {
    await twoWorkers.close();
  }
});
