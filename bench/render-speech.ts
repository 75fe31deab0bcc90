// Renders text as a speech corpus item the way the DEV corpus was made: an espeak-ng or flite voice,
// 8 kHz, random-looking padding, pink noise at 20 dB SNR when asked, µ-law at a varied level. Shared by
// the held-out generators (heldout-speech.ts for requests, heldout-yesno.ts for yes/no answers).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const sox = (...args: string[]) => execFileSync('sox', ['-R', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
// sox prints its statistics on stderr.
const rms = (file: string) => Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(spawnSync('sox', [file, '-n', 'stat']).stderr.toString())?.[1] ?? 0);

/** `voice`: "flite:NAME" or "espeak-ng:VOICE:RATE"; `i` varies padding and level; writes `outDir/file`. */
export function renderSpeech(text: string, voice: string, noisy: boolean, i: number, outDir: string, file: string): void {
  const [engine, name, rate] = voice.split(':') as [string, string, string?];
  const tmp = join(outDir, `tmp-${i}`);
  if (engine === 'flite') execFileSync('flite', ['-voice', name, '-t', text, '-o', `${tmp}-tts.wav`]);
  else execFileSync('espeak-ng', ['-v', name, '-s', rate!, '-w', `${tmp}-tts.wav`, text]);
  sox(`${tmp}-tts.wav`, '-r', '8000', '-c', '1', '-b', '16', `${tmp}-s.wav`, 'gain', '-n', '-3');
  sox(`${tmp}-s.wav`, `${tmp}-p.wav`, 'pad', (0.3 + 0.1 * ((i * 3) % 8)).toFixed(1), (0.3 + 0.1 * ((i * 5 + 2) % 8)).toFixed(1));
  let mixed = `${tmp}-p.wav`;
  if (noisy) {
    const duration = execFileSync('soxi', ['-D', mixed]).toString().trim();
    sox('-n', '-r', '8000', '-c', '1', '-b', '16', `${tmp}-n.wav`, 'synth', duration, 'pinknoise');
    const gain = rms(`${tmp}-s.wav`) / rms(`${tmp}-n.wav`) / 10;
    sox('-m', '-v', '1', mixed, '-v', gain.toFixed(6), `${tmp}-n.wav`, `${tmp}-m.wav`);
    mixed = `${tmp}-m.wav`;
  }
  sox('-D', mixed, '-r', '8000', '-c', '1', '-e', 'mu-law', join(outDir, file), 'gain', '-n', `-${1 + ((i * 7) % 9)}`);
  execFileSync('sh', ['-c', `rm -f ${tmp}-*.wav`]);
}
