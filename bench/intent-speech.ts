// Intent accuracy from recognized speech: every DEV request WAV goes through the same path a call
// uses (energy VAD → Listener → PocketSphinx free-speech turn → rules brain). Also scores passcodes
// (digits turn → verifyCode) and yes/no (yesNo turn → brain.yesNo). Peer: the manifest text itself.
// Requests are scored twice: as the first turn of a call (a known customer greeted by name speaks
// first) and after a passcode turn by the same voice on the same call (a screened unknown caller).
// Usage: node --import tsx bench/intent-speech.ts [corpusDir] [--workers N] [--verbose] [--requests-only] [--save heard.json]
//        [--flag -lw=8 …] (pocketsphinx flags for every decoder; with --requests-only only the free search runs)
// The recognizer gets the config's domain vocabulary as the app gives it; --save keeps the transcripts
// so bench/intent-transcripts.ts can re-score brain changes without decoding again.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '../src/media/wav.js';
import { FRAME_SAMPLES, type PcmChunk } from '../src/media/pcm.js';
import { Listener } from '../src/speech/listener.js';
import { PocketsphinxStt } from '../src/speech/pocketsphinx/stt.js';
import { EnergyVad } from '../src/speech/vad/energy.js';
import { loadCorpus, type CorpusItem } from '../src/speech/eval/corpus.js';
import type { RecognitionContext } from '../src/speech/types.js';
import { RulesBrain } from '../src/assistant/brain/rules.js';
import { loadConfig } from '../src/config/load.js';
import { vocabularyOf } from '../src/assistant/vocabulary.js';
import { wordErrors } from '../src/speech/eval/score.js';

const args = process.argv.slice(2);
const valued = ['--workers', '--save', '--flag'];
const corpusDir = args.find((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1] ?? '')) ?? '../shared/eval/speech-dev';
const flags = Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === '--flag' ? [a.split('=') as [string, string]] : [])));
const workers = Number(args[args.indexOf('--workers') + 1]) || 1;
const verbose = args.includes('--verbose');

/** A call's ears: its own Listener, so its own speech channel (cepstral mean learned over its turns). */
function newCall(): { source: EventEmitter; listener: Listener } {
  const source = new EventEmitter();
  return { source, listener: new Listener(source as never, stt, () => new EnergyVad()) };
}

/** Each utterance is the first turn of a new call unless `call` carries earlier turns of the same caller. */
async function recognize(item: CorpusItem, context: RecognitionContext, call = newCall()): Promise<string> {
  const pcm = readWav(item.path);
  const { source, listener } = call;
  const turn = listener.listen({ context, noInputTimeoutMs: 5000 });
  const silence = new Int16Array(FRAME_SAMPLES);
  const frames: Int16Array[] = [];
  for (let i = 0; i < pcm.samples.length; i += FRAME_SAMPLES) frames.push(pcm.samples.slice(i, i + FRAME_SAMPLES));
  for (let i = 0; i < 75; i++) frames.push(silence); // 1.5 s of trailing silence ends the turn
  let done = false;
  void turn.finally(() => (done = true));
  for (const samples of frames) {
    if (done) break;
    source.emit('audio', { samples, sampleRate: 8000 } satisfies PcmChunk);
    await new Promise((r) => setImmediate(r));
  }
  const result = await turn;
  return result.kind === 'speech' ? result.result.text : '';
}

const config = loadConfig('config/frontdesk.yaml', {});
const brain = new RulesBrain(config.assistant);
// A private data dir: concurrent runs (other flags, other checkouts) must not overwrite each other's LMs.
const speechDir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-speech-'));
const stt = await PocketsphinxStt.create({ speechDir, workers, vocabulary: vocabularyOf(config.assistant), flags });
const savePath = args.includes('--save') ? args[args.indexOf('--save') + 1] : undefined;
const transcripts: { file: string; text: string; heard: string; expect: CorpusItem['expect'] }[] = [];
const items = loadCorpus(corpusDir);
const started = performance.now();

const requests = items.filter((i) => i.kind === 'request');
const fromText = { intent: 0, topic: 0, class: 0, exact: 0 };
const fromSpeech = { intent: 0, topic: 0, class: 0, exact: 0 };
const afterPasscode = { intent: 0, topic: 0, class: 0, exact: 0 };
const wer = { errors: 0, words: 0 };
const tally = (counts: typeof fromText, got: { intent: string; topic: string; class: string }, expect: CorpusItem['expect']) => {
  const ok = [got.intent === expect.intent, got.topic === expect.topic, got.class === expect.class];
  if (ok[0]) counts.intent++;
  if (ok[1]) counts.topic++;
  if (ok[2]) counts.class++;
  if (ok.every(Boolean)) counts.exact++;
};
for (const item of requests) {
  const heard = await recognize(item, { kind: 'free' });
  const { errors, words } = wordErrors(item.text, heard);
  wer.errors += errors;
  wer.words += words;
  transcripts.push({ file: item.path.split('/').at(-1)!, text: item.text, heard, expect: item.expect });
  tally(fromText, brain.classifyNow(item.text), item.expect);
  const got = brain.classifyNow(heard);
  tally(fromSpeech, got, item.expect);
  // A screened caller: the same voice's passcode turn first, on the same call, then the request.
  const screening = items.find((i) => i.kind === 'passcode' && i.voice === item.voice);
  if (screening) {
    const call = newCall();
    await recognize(screening, { kind: 'digits', length: 4, expected: screening.expect.digits! }, call);
    tally(afterPasscode, brain.classifyNow(await recognize(item, { kind: 'free' }, call)), item.expect);
  }
  if (verbose && (got.intent !== item.expect.intent || got.topic !== item.expect.topic || got.class !== item.expect.class)) {
    console.log(`  miss: "${item.text}" heard "${heard}" → ${got.intent}/${got.topic}/${got.class}`);
  }
}
if (savePath) writeFileSync(savePath, JSON.stringify(transcripts, null, 1));
let codes = 0;
let falseAccepts = 0;
const only = args.includes('--requests-only');
const passcodes = only ? [] : items.filter((i) => i.kind === 'passcode');
for (const item of passcodes) {
  const code = item.expect.digits!;
  const heard = await recognize(item, { kind: 'digits', length: 4, expected: code });
  if ((await brain.verifyCode(heard, code)).matched) codes++;
  // The same audio against a code that differs in every digit must be refused.
  const wrong = code.split('').map((d) => String((Number(d) + 5) % 10)).join('');
  const probe = await recognize(item, { kind: 'digits', length: 4, expected: wrong });
  if ((await brain.verifyCode(probe, wrong)).matched) falseAccepts++;
}
let answers = 0;
const yesNos = only ? [] : items.filter((i) => i.kind === 'yesno');
for (const item of yesNos) {
  const heard = await recognize(item, { kind: 'yesNo' });
  if ((await brain.yesNo(heard)) === item.expect.answer) answers++;
}
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} % (${n}/${of})`;
console.log(`requests (${requests.length}), rules brain     intent / topic / class / all three`);
console.log(`  from manifest text:  ${pct(fromText.intent, requests.length)} / ${pct(fromText.topic, requests.length)} / ${pct(fromText.class, requests.length)} / ${pct(fromText.exact, requests.length)}`);
console.log(`  from speech, first turn of a call:   ${pct(fromSpeech.intent, requests.length)} / ${pct(fromSpeech.topic, requests.length)} / ${pct(fromSpeech.class, requests.length)} / ${pct(fromSpeech.exact, requests.length)}`);
console.log(`  from speech, after the same voice's passcode turn: ${pct(afterPasscode.intent, requests.length)} / ${pct(afterPasscode.topic, requests.length)} / ${pct(afterPasscode.class, requests.length)} / ${pct(afterPasscode.exact, requests.length)}`);
console.log(`  request WER: ${((100 * wer.errors) / Math.max(1, wer.words)).toFixed(1)} % (${wer.errors}/${wer.words} words)`);
console.log(`  speech / text ratio (all three): ${(fromSpeech.exact / Math.max(1, fromText.exact)).toFixed(2)}`);
console.log(`passcodes verified from speech (expected code given to the recognizer): ${pct(codes, passcodes.length)}; false accepts against a wrong code: ${pct(falseAccepts, passcodes.length)}`);
console.log(`yes/no right from speech:       ${pct(answers, yesNos.length)}`);
console.log(`${items.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s with ${workers} decoder worker(s), 2 shared cores under contention`);
await stt.close();
rmSync(speechDir, { recursive: true, force: true });
