// Renders held-out yes/no answers (bench/yesno-heldout.json: 80 phrasings written before any tuning, 39 yes /
// 28 no / 13 unclear) as a speech corpus the way the DEV corpus was made (espeak-ng / flite voices, 8 kHz
// µ-law, padding, every 4th item with pink noise at 20 dB). `--second` renders the other voice/noise
// assignment (the second held-out set of issue 4's note).
// Usage: node --import tsx bench/heldout-yesno.ts OUTDIR [--second]
//        then: node bin/frontdesk.js eval speech --expected --kind yesno --corpus OUTDIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSpeech } from './render-speech.js';

const out = process.argv[2];
const second = process.argv.includes('--second');
if (!out) {
  console.error('usage: bench/heldout-yesno.ts OUTDIR [--second]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const VOICES = [
  'espeak-ng:en-us+m1:150', 'espeak-ng:en-us+m2:170', 'espeak-ng:en-us+m3:140', 'espeak-ng:en-us+m4:185', 'espeak-ng:en-us+m5:160', 'espeak-ng:en-us+m6:175',
  'espeak-ng:en-us+m7:145', 'espeak-ng:en-us+f1:165', 'espeak-ng:en-us+f2:155', 'espeak-ng:en-us+f3:180', 'espeak-ng:en-us+f4:190', 'espeak-ng:en-us:160',
  'flite:slt', 'flite:kal', 'flite:kal16', 'flite:awb', 'flite:rms',
];
const items = JSON.parse(readFileSync(join(import.meta.dirname, 'yesno-heldout.json'), 'utf8')) as { text: string; answer: number }[];
const lines: string[] = [];
items.forEach((item, i) => {
  const voice = VOICES[second ? (i * 7 + 11) % VOICES.length : (i * 5 + 3) % VOICES.length]!;
  const cond = i % 4 === (second ? 1 : 3) ? 'pink20' : 'clean';
  const file = `yn-${String(i + 1).padStart(3, '0')}.wav`;
  renderSpeech(item.text, voice, cond === 'pink20', i, out, file);
  lines.push(JSON.stringify({ file, text: item.text, kind: 'yesno', voice, cond, expect: { answer: item.answer } }));
});
writeFileSync(join(out, 'manifest.jsonl'), `${lines.join('\n')}\n`);
console.log(`${items.length} held-out items rendered into ${out}`);
