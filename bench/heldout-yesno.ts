// Renders held-out yes/no answers (bench/yesno-heldout.json: 80 phrasings written before any tuning, 39 yes /
// 28 no / 13 unclear) as a speech corpus the way the DEV corpus was made (espeak-ng / flite voices, 8 kHz
// µ-law, padding, every 4th item with pink noise at 20 dB). `--second` renders the other voice/noise
// assignment (the second held-out set of issue 4's note).
// Usage: node --import tsx bench/heldout-yesno.ts OUTDIR [--second]
//        then: node bin/frontdesk.js eval speech --expected --kind yesno --corpus OUTDIR
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
const second = process.argv.includes('--second');
if (!out) {
  console.error('usage: bench/heldout-yesno.ts OUTDIR [--second]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const VOICES = ['espeak-ng:en-us+m1:150','espeak-ng:en-us+m2:170','espeak-ng:en-us+m3:140','espeak-ng:en-us+m4:185','espeak-ng:en-us+m5:160','espeak-ng:en-us+m6:175','espeak-ng:en-us+m7:145','espeak-ng:en-us+f1:165','espeak-ng:en-us+f2:155','espeak-ng:en-us+f3:180','espeak-ng:en-us+f4:190','espeak-ng:en-us:160','flite:slt','flite:kal','flite:kal16','flite:awb','flite:rms'];
const items = JSON.parse(readFileSync(join(import.meta.dirname, 'yesno-heldout.json'), 'utf8')) as { text: string; answer: number }[];
const sox = (...args: string[]) => execFileSync('sox', ['-R', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
// sox prints its statistics on stderr.
const rms = (file: string) => Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(spawnSync('sox', [file, '-n', 'stat']).stderr.toString())?.[1] ?? 0);
const lines: string[] = [];
items.forEach((item, i) => {
  const voice = VOICES[second ? (i * 7 + 11) % VOICES.length : (i * 5 + 3) % VOICES.length]!;
  const [engine, name, rate] = voice.split(':') as [string, string, string?];
  const tmp = join(out, `tmp-${i}`);
  if (engine === 'flite') execFileSync('flite', ['-voice', name, '-t', item.text, '-o', `${tmp}-tts.wav`]);
  else execFileSync('espeak-ng', ['-v', name, '-s', rate!, '-w', `${tmp}-tts.wav`, item.text]);
  sox(`${tmp}-tts.wav`, '-r', '8000', '-c', '1', '-b', '16', `${tmp}-s.wav`, 'gain', '-n', '-3');
  sox(`${tmp}-s.wav`, `${tmp}-p.wav`, 'pad', (0.3 + 0.1 * ((i * 3) % 8)).toFixed(1), (0.3 + 0.1 * ((i * 5 + 2) % 8)).toFixed(1));
  const cond = i % 4 === (second ? 1 : 3) ? 'pink20' : 'clean';
  let mixed = `${tmp}-p.wav`;
  if (cond === 'pink20') {
    const duration = execFileSync('soxi', ['-D', mixed]).toString().trim();
    sox('-n', '-r', '8000', '-c', '1', '-b', '16', `${tmp}-n.wav`, 'synth', duration, 'pinknoise');
    const gain = rms(`${tmp}-s.wav`) / rms(`${tmp}-n.wav`) / 10;
    sox('-m', '-v', '1', mixed, '-v', gain.toFixed(6), `${tmp}-n.wav`, `${tmp}-m.wav`);
    mixed = `${tmp}-m.wav`;
  }
  const file = `yn-${String(i + 1).padStart(3, '0')}.wav`;
  sox('-D', mixed, '-r', '8000', '-c', '1', '-e', 'mu-law', join(out, file), 'gain', '-n', `-${1 + ((i * 7) % 9)}`);
  execFileSync('sh', ['-c', `rm -f ${tmp}-*.wav`]);
  lines.push(JSON.stringify({ file, text: item.text, kind: 'yesno', voice, cond, expect: { answer: item.answer } }));
});
writeFileSync(join(out, 'manifest.jsonl'), `${lines.join('\n')}\n`);
console.log(`${items.length} held-out items rendered into ${out}`);
