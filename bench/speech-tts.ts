// TTS: time to first audio per flite voice (fresh text, so no cache), cache-hit cost, and each voice's
// intelligibility to our own recognizer (digits read back and yes/no prompts through the STT path).
// Peer: the flite CLI writing the same prompt to a file (a whole-utterance engine: done = first audio).
// Usage: node --import tsx bench/speech-tts.ts [voice ...]   (default: every flite voice)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/config/load.js';
import { createSpeechStack } from '../src/speech/index.js';
import { FliteTts, FLITE_VOICES } from '../src/speech/tts/flite.js';
import { speakDigits } from '../src/speech/tts/text.js';
import { digitsOf, percentile, classifyYesNo } from '../src/speech/eval/score.js';
import type { RecognitionContext, STT } from '../src/speech/types.js';

const PROMPT = 'Thank you for calling. To continue, please say the four digit code you hear. How can I help you today?';
const RUNS = 8;

async function firstAudio(tts: FliteTts, text: string): Promise<{ first: number; total: number; samples: Int16Array }> {
  const started = performance.now();
  let first = 0;
  const parts: Int16Array[] = [];
  for await (const chunk of tts.synthesize(text)) {
    if (!first) first = performance.now() - started;
    parts.push(chunk.samples);
  }
  const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    samples.set(p, offset);
    offset += p.length;
  }
  return { first, total: performance.now() - started, samples };
}

function recognize(stt: STT, samples: Int16Array, context: RecognitionContext): Promise<string> {
  const session = stt.open(context);
  const final = new Promise<string>((resolve) => {
    session.once('final', (r) => resolve(r.text));
    session.once('error', () => resolve(''));
  });
  const padded = new Int16Array(samples.length + 4000);
  padded.set(samples, 2000);
  for (let i = 0; i < padded.length; i += 160) session.write({ samples: padded.subarray(i, i + 160), sampleRate: 8000 });
  session.end();
  return final;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-tts-'));
const stack = await createSpeechStack(parseConfig({ speech: { workers: 1 } }, 'bench', {}), { dataDir: dir });
console.log('speech-tts: 2 cores shared with other work (contention); times in ms');
const codes = ['4712', '0386', '9925', '6150', '3874', '2069', '7731', '5548'];
const answers: [string, 1 | 0][] = [['yes please', 1], ['no thank you', 0], ['sure', 1], ['nope', 0], ['that is correct', 1], ['not right now', 0]];
const voices = process.argv.slice(2).length ? process.argv.slice(2) : [...FLITE_VOICES];
for (const voice of voices) {
  const tts = await FliteTts.create({ voice, cacheDir: join(dir, `cache-${voice}`), cacheEntries: 1000 });
  const fresh: number[] = [];
  const hits: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A different first sentence every run: a cached first sentence would hide the synthesis time.
    const text = `Caller ${speakDigits(String(1000 + i * 37))}, welcome. ${PROMPT}`;
    fresh.push((await firstAudio(tts, text)).first);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the cache write land
    hits.push((await firstAudio(tts, text)).first);
  }
  let digitsRight = 0;
  for (const code of codes) {
    const { samples } = await firstAudio(tts, `${speakDigits(code)}.`);
    if (digitsOf(await recognize(stack.stt, samples, { kind: 'digits', length: 4 })) === code) digitsRight++;
  }
  let answersRight = 0;
  for (const [text, expected] of answers) {
    const { samples } = await firstAudio(tts, `${text}.`);
    if (classifyYesNo(await recognize(stack.stt, samples, { kind: 'yesNo' })) === expected) answersRight++;
  }
  const t = performance.now();
  execFileSync('flite', ['-voice', voice, '-t', PROMPT, '-o', join(dir, 'peer.wav')]);
  const peer = performance.now() - t;
  console.log(
    `${voice.padEnd(6)} first audio p50 ${percentile(fresh, 50).toFixed(1)} p95 ${percentile(fresh, 95).toFixed(1)} | cache hit p50 ${percentile(hits, 50).toFixed(2)} | ` +
      `flite CLI whole prompt ${peer.toFixed(0)} (ratio ${(peer / percentile(fresh, 50)).toFixed(1)}x) | recognized: codes ${digitsRight}/${codes.length}, yes/no ${answersRight}/${answers.length}`,
  );
  await tts.close();
}
await stack.close();
rmSync(dir, { recursive: true, force: true });
