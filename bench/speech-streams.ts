// Concurrent recognition streams at real time on this machine: N simulated callers, each talking
// ~1/3 of the time (DEV utterances between pauses), 20 ms frames paced by one drift-corrected clock,
// each stream VAD-gated through its own Listener into the shared decoder pool.
// Peer: pocketsphinx_continuous decoding the same utterances, as a CPU-capacity estimate.
// Usage: node --import tsx bench/speech-streams.ts [streams ...]   (default 25 50 100; ~25 s each)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/config/load.js';
import { encodeWav, readWav } from '../src/media/wav.js';
import { Upsampler2x } from '../src/speech/resample.js';
import { createSpeechStack } from '../src/speech/index.js';
import { Listener } from '../src/speech/listener.js';
import { FrameSource } from '../src/speech/eval/feed.js';
import { loadCorpus, type CorpusItem } from '../src/speech/eval/corpus.js';
import { percentile } from '../src/speech/eval/score.js';
import type { RecognitionContext } from '../src/speech/types.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'speech-dev');
const RUN_MS = 20_000;
const PAUSE_MS = 4_000; // between a caller's utterances: ~1/3 of the time speaking (avg utterance ~2 s)

const items = loadCorpus(CORPUS).filter((_, i) => i % 4 === 0);
const audio = items.map((item) => readWav(item.path).samples);
const contextOf = (item: CorpusItem): RecognitionContext =>
  item.kind === 'passcode' ? { kind: 'digits', length: 4 } : item.kind === 'yesno' ? { kind: 'yesNo' } : { kind: 'free' };

/** Peer: CPU seconds pocketsphinx_continuous needs per second of audio, same model/dict/LM. */
function peerRealTimeFactor(dataDir: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ps-'));
  let audioSeconds = 0;
  let childCpu = 0;
  for (let i = 0; i < 12; i++) {
    const up = new Upsampler2x().process(audio[i]!);
    const wav = join(dir, `${i}.wav`);
    writeFileSync(wav, encodeWav({ samples: up, sampleRate: 16000 }));
    audioSeconds += audio[i]!.length / 8000;
    const search = items[i]!.kind === 'passcode' || items[i]!.kind === 'yesno' ? [] : ['-lm', join(dataDir, 'speech', 'domain.arpa')];
    const t = performance.now();
    execFileSync('pocketsphinx_continuous', ['-infile', wav, '-hmm', join(dataDir, 'speech', 'hmm-tel'), '-dict', join(dataDir, 'speech', 'app.dict'),
      ...(search.length ? search : ['-lm', join(dataDir, 'speech', 'yesno.arpa')]), '-remove_noise', 'no', '-logfn', '/dev/null'], { stdio: 'ignore' });
    childCpu += (performance.now() - t) / 1000; // a single-threaded child: wall ~ CPU
  }
  rmSync(dir, { recursive: true, force: true });
  return childCpu / audioSeconds;
}

async function run(streams: number, stack: Awaited<ReturnType<typeof createSpeechStack>>) {
  const sources = Array.from({ length: streams }, () => new FrameSource());
  const latencies: number[] = [];
  let turns = 0;
  let failures = 0;
  let running = true;
  const callers = sources.map(async (source, s) => {
    const listener = new Listener(source, stack.stt, stack.vadFactory);
    while (running) {
      const item = items[(s * 7 + turns) % items.length]!;
      try {
        const result = await listener.listen({ context: contextOf(item), noInputTimeoutMs: 30_000 });
        if (result.kind === 'speech') {
          latencies.push(result.finalAt - result.speechEndedAt);
          turns++;
        }
      } catch {
        failures++;
      }
    }
    listener.close();
  });
  // Each stream plays utterance, pause, utterance ... starting at a random offset.
  const cursors = sources.map((_, s) => ({ index: s % audio.length, offset: -Math.floor(Math.random() * PAUSE_MS / 20) * 160 }));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let frames = 0;
  let worstLateMs = 0;
  const lateness: number[] = [];
  while (performance.now() - started < RUN_MS) {
    const due = started + frames * 20;
    const now = performance.now();
    if (due > now) await new Promise((resolve) => setTimeout(resolve, due - now));
    const late = performance.now() - due;
    lateness.push(late);
    worstLateMs = Math.max(worstLateMs, late);
    for (let s = 0; s < streams; s++) {
      const cursor = cursors[s]!;
      const clip = audio[cursor.index]!;
      const frame = new Int16Array(160);
      if (cursor.offset >= 0 && cursor.offset < clip.length) frame.set(clip.subarray(cursor.offset, cursor.offset + 160));
      cursor.offset += 160;
      if (cursor.offset >= clip.length + PAUSE_MS * 8) {
        cursor.index = (cursor.index + 1) % audio.length;
        cursor.offset = 0;
      }
      sources[s]!.emit('audio', { samples: frame, sampleRate: 8000 });
    }
    frames++;
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  running = false;
  for (const source of sources) source.emit('audio', { samples: new Int16Array(160), sampleRate: 8000 });
  await Promise.race([Promise.all(callers), new Promise((resolve) => setTimeout(resolve, 3000))]);
  // CPU time is what contention does not inflate much: process-wide (main thread + decoder workers).
  const cpuPerStream = cpuSeconds / ((performance.now() - started) / 1000) / streams;
  return { streams, turns, failures, cpuPerStream, p50: percentile(latencies, 50), p95: percentile(latencies, 95), lateP95: percentile(lateness, 95), worstLateMs };
}

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-speech-'));
const stack = await createSpeechStack(parseConfig({}, 'bench', {}), { dataDir });
console.log(`speech-streams: ${RUN_MS / 1000} s per run, speaking ~1/3 of the time, ${stack.stt.name} pool, 2 cores shared with other work (contention)`);
const rtf = peerRealTimeFactor(dataDir);
const peerStreams = (2 / rtf) * ((PAUSE_MS + 2000) / 2000);
console.log(`peer pocketsphinx_continuous: ${rtf.toFixed(3)} x real time per stream (incl. model load) -> ~${peerStreams.toFixed(0)} VAD-gated streams on 2 cores`);
for (const n of counts.length ? counts : [25, 50, 100]) {
  const r = await run(n, stack);
  const keepsUp = r.p95 < 1000 && r.lateP95 < 20 && r.failures === 0;
  console.log(
    `${String(n).padStart(4)} streams: ${r.turns} turns, end-of-speech->final p50 ${r.p50.toFixed(0)} ms p95 ${r.p95.toFixed(0)} ms, ` +
      `frame clock late p95 ${r.lateP95.toFixed(1)} ms (worst ${r.worstLateMs.toFixed(0)}), failures ${r.failures} -> ${keepsUp ? 'keeps up' : 'FALLS BEHIND'}; ` +
      `CPU ${(r.cpuPerStream * 100).toFixed(2)} % of a core per stream -> capacity ~${(2 / r.cpuPerStream).toFixed(0)} streams on 2 idle cores; ` +
      `ratio to peer estimate ${(2 / r.cpuPerStream / peerStreams).toFixed(2)}`,
  );
}
await stack.close();
rmSync(dataDir, { recursive: true, force: true });
