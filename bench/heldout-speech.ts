// Renders the held-out phrasings (bench/intent-heldout.json) as a speech corpus the way the DEV corpus
// was made (espeak-ng / flite voices, 8 kHz µ-law, padding, every 4th item with pink noise at 20 dB),
// so recognition robustness is checked on sentences the rules were never tuned on.
// Usage: node --import tsx bench/heldout-speech.ts OUTDIR  → then bench/intent-speech.ts OUTDIR --requests-only
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledText } from './intent.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: bench/heldout-speech.ts OUTDIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const VOICES = ['espeak-ng:en-us+m1:150', 'flite:slt', 'espeak-ng:en-us+f2:170', 'flite:kal', 'espeak-ng:en-us+m3:160', 'flite:awb', 'espeak-ng:en-us+f1:140', 'flite:rms'];
const items = JSON.parse(readFileSync(new URL('./intent-heldout.json', import.meta.url), 'utf8')) as LabelledText[];
const sox = (...args: string[]) => execFileSync('sox', ['-R', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
// sox prints its statistics on stderr.
const rms = (file: string) => Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(spawnSync('sox', [file, '-n', 'stat']).stderr.toString())?.[1] ?? 0);
const lines: string[] = [];
items.forEach((item, i) => {
  const voice = VOICES[i % VOICES.length]!;
  const [engine, name, rate] = voice.split(':') as [string, string, string?];
  const tmp = join(out, `tmp-${i}`);
  if (engine === 'flite') execFileSync('flite', ['-voice', name, '-t', item.text, '-o', `${tmp}-tts.wav`]);
  else execFileSync('espeak-ng', ['-v', name, '-s', rate!, '-w', `${tmp}-tts.wav`, item.text]);
  sox(`${tmp}-tts.wav`, '-r', '8000', '-c', '1', '-b', '16', `${tmp}-s.wav`, 'gain', '-n', '-3');
  sox(`${tmp}-s.wav`, `${tmp}-p.wav`, 'pad', (0.3 + 0.1 * ((i * 3) % 8)).toFixed(1), (0.3 + 0.1 * ((i * 5 + 2) % 8)).toFixed(1));
  const cond = i % 4 === 3 ? 'pink20' : 'clean';
  let mixed = `${tmp}-p.wav`;
  if (cond === 'pink20') {
    const duration = execFileSync('soxi', ['-D', mixed]).toString().trim();
    sox('-n', '-r', '8000', '-c', '1', '-b', '16', `${tmp}-n.wav`, 'synth', duration, 'pinknoise');
    const gain = rms(`${tmp}-s.wav`) / rms(`${tmp}-n.wav`) / 10;
    sox('-m', '-v', '1', mixed, '-v', gain.toFixed(6), `${tmp}-n.wav`, `${tmp}-m.wav`);
    mixed = `${tmp}-m.wav`;
  }
  const file = `heldout-${String(i + 1).padStart(3, '0')}.wav`;
  sox('-D', mixed, '-r', '8000', '-c', '1', '-e', 'mu-law', join(out, file), 'gain', '-n', `-${1 + ((i * 7) % 9)}`);
  execFileSync('sh', ['-c', `rm -f ${tmp}-*.wav`]);
  lines.push(JSON.stringify({ file, text: item.text, kind: 'request', voice, cond, expect: item.expect }));
});
writeFileSync(join(out, 'manifest.jsonl'), `${lines.join('\n')}\n`);
console.log(`${items.length} held-out items rendered into ${out}`);
