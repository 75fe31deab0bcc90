// Renders held-out yes/no answers (bench/yesno-heldout.json: 80 phrasings written before any tuning, 39 yes /
// 28 no / 13 unclear) as a speech corpus the way the DEV corpus was made (espeak-ng / flite voices, 8 kHz
// µ-law, padding, every 4th item with pink noise at 20 dB). `--second` renders the other voice/noise
// assignment (the second held-out set of issue 4's note). `--dev CORPUS` renders instead the DEV corpus's
// yes/no phrases in other voices than DEV gave them ("dev2": the same words, new speakers and noise).
// Usage: node --import tsx bench/heldout-yesno.ts OUTDIR [--second | --dev CORPUS]
//        then: node bin/frontdesk.js eval speech --expected --kind yesno --corpus OUTDIR
//        and without the VAD: node --import tsx bench/yesno-whole.ts grammar|lm OUTDIR [--cut whole|onset]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSpeech } from './render-speech.js';

const out = process.argv[2];
const second = process.argv.includes('--second');
const devIndex = process.argv.indexOf('--dev');
const devCorpus = devIndex > 0 ? process.argv[devIndex + 1] : undefined;
if (!out || (devIndex > 0 && !devCorpus)) {
  console.error('usage: bench/heldout-yesno.ts OUTDIR [--second | --dev CORPUS]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const VOICES = [
  'espeak-ng:en-us+m1:150', 'espeak-ng:en-us+m2:170', 'espeak-ng:en-us+m3:140', 'espeak-ng:en-us+m4:185', 'espeak-ng:en-us+m5:160', 'espeak-ng:en-us+m6:175',
  'espeak-ng:en-us+m7:145', 'espeak-ng:en-us+f1:165', 'espeak-ng:en-us+f2:155', 'espeak-ng:en-us+f3:180', 'espeak-ng:en-us+f4:190', 'espeak-ng:en-us:160',
  'flite:slt', 'flite:kal', 'flite:kal16', 'flite:awb', 'flite:rms',
];
type Item = { text: string; answer: number; voice?: string };
const items: Item[] = devCorpus ? devYesNo(devCorpus) : JSON.parse(readFileSync(join(import.meta.dirname, 'yesno-heldout.json'), 'utf8'));
const lines: string[] = [];
items.forEach((item, i) => {
  let voice = VOICES[second ? (i * 7 + 11) % VOICES.length : (i * 5 + 3) % VOICES.length]!;
  // dev2 is about new speakers: never the voice DEV gave the phrase.
  if (voice === item.voice) voice = VOICES[(VOICES.indexOf(voice) + 1) % VOICES.length]!;
  const cond = i % 4 === (second || devCorpus ? 1 : 3) ? 'pink20' : 'clean';
  const file = `${devCorpus ? 'dev2' : 'yn'}-${String(i + 1).padStart(3, '0')}.wav`;
  renderSpeech(item.text, voice, cond === 'pink20', i, out, file);
  lines.push(JSON.stringify({ file, text: item.text, kind: 'yesno', voice, cond, expect: { answer: item.answer } }));
});
writeFileSync(join(out, 'manifest.jsonl'), `${lines.join('\n')}\n`);
console.log(`${items.length} held-out items rendered into ${out}`);

/** The DEV corpus's yes/no items (text, expected answer, the voice DEV used). */
function devYesNo(corpus: string): Item[] {
  return readFileSync(join(corpus, 'manifest.jsonl'), 'utf8').split('\n').filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { text: string; kind: string; voice?: string; expect: { answer?: number } })
    .filter((item) => item.kind === 'yesno' && item.expect.answer !== undefined)
    .map((item) => ({ text: item.text, answer: item.expect.answer!, voice: item.voice }));
}
