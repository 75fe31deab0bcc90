// Renders the held-out phrasings (bench/intent-heldout.json) as a speech corpus the way the DEV corpus
// was made (espeak-ng / flite voices, 8 kHz µ-law, padding, every 4th item with pink noise at 20 dB),
// so recognition robustness is checked on sentences the rules were never tuned on.
// Usage: node --import tsx bench/heldout-speech.ts OUTDIR [items.json] [--voice-shift N]  → then bench/intent-speech.ts OUTDIR --requests-only
// (items.json: other labelled phrasings in the same shape, e.g. a probe set for one change; default intent-heldout.json;
// --voice-shift N gives item i voice i+N and so another rendering of the same sentences: more held-out audio
// without writing more sentences)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSpeech } from './render-speech.js';
import type { LabelledText } from './intent.js';

const args = process.argv.slice(2);
const shiftAt = args.indexOf('--voice-shift');
const voiceShift = shiftAt >= 0 ? Number(args[shiftAt + 1]) : 0;
const [out, itemsFile] = args.filter((_, i) => shiftAt < 0 || (i !== shiftAt && i !== shiftAt + 1));
if (!out) {
  console.error('usage: bench/heldout-speech.ts OUTDIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const VOICES = ['espeak-ng:en-us+m1:150', 'flite:slt', 'espeak-ng:en-us+f2:170', 'flite:kal', 'espeak-ng:en-us+m3:160', 'flite:awb', 'espeak-ng:en-us+f1:140', 'flite:rms'];
const items = JSON.parse(readFileSync(itemsFile ?? new URL('./intent-heldout.json', import.meta.url), 'utf8')) as LabelledText[];
const lines: string[] = [];
items.forEach((item, i) => {
  const voice = VOICES[(i + voiceShift) % VOICES.length]!;
  const cond = i % 4 === 3 ? 'pink20' : 'clean';
  const file = `heldout-${String(i + 1).padStart(3, '0')}.wav`;
  renderSpeech(item.text, voice, cond === 'pink20', i, out, file);
  lines.push(JSON.stringify({ file, text: item.text, kind: 'request', voice, cond, expect: item.expect }));
});
writeFileSync(join(out, 'manifest.jsonl'), `${lines.join('\n')}\n`);
console.log(`${items.length} held-out items rendered into ${out}`);
