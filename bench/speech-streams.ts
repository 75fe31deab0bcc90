// Concurrent recognition streams at real time on this machine: N simulated callers, each talking
// ~1/3 of the time (DEV utterances between 4 s pauses of faint line noise), 20 ms frames paced by one
// drift-corrected clock, each stream VAD-gated through its own Listener: only the turns the VAD finds
// reach the shared decoder pool. Each turn is asked as the assistant asks it: the context of the clip
// being played (passcodes with their expected code, so verified by a forced decode, as screening does)
// and the adaptive end of turn judged by the rules brain (probes, and replays when a caller goes on);
// --fixed: full end silence only. A stream is one call (its first turn has no learned cepstral mean yet).
// CPU counts this process (its event loop and the Silero model thread) and the decoder processes it spawned.
// Peer: pocketsphinx_continuous decoding the same utterances, as a CPU-capacity estimate.
// Usage: node --import tsx bench/speech-streams.ts [--vad silero|energy] [--fixed] [streams ...]   (default 50 100; ~25 s each)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
import { SileroRuntime, bundledSileroModel } from '../src/speech/vad/silero-runtime.js';
import type { RecognitionContext } from '../src/speech/types.js';
import { AdaptiveEndOfTurn } from '../src/speech/turn/end-of-turn.js';
import { RulesBrain } from '../src/assistant/brain/rules.js';
import { brainCompleteness } from '../src/assistant/tasks/end-of-turn.js';
import type { CallSession } from '../src/assistant/flow/session.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'speech-dev');
const RUN_MS = 20_000;
const PAUSE_MS = 4_000; // between a caller's utterances: ~1/3 of the time speaking (avg utterance ~2 s)
const LINE_NOISE = 12; // peak amplitude of the pauses' white noise: ~-72 dBFS, a quiet phone line
const CLOCK_TICKS = 100; // /proc stat units (USER_HZ)

const items = loadCorpus(CORPUS).filter((_, i) => i % 4 === 0);
const audio = items.map((item) => readWav(item.path).samples);
const contextOf = (item: CorpusItem): RecognitionContext =>
  item.kind === 'passcode' ? { kind: 'digits', length: item.expect.digits?.length ?? 4, ...(item.expect.digits ? { expected: item.expect.digits } : {}) } : item.kind === 'yesno' ? { kind: 'yesNo' } : { kind: 'free' };
/** A caller's turn period: an utterance (avg DEV clip) plus the pause. */
const TURN_SECONDS = audio.reduce((sum, clip) => sum + clip.length / 8000, 0) / audio.length + PAUSE_MS / 1000;
let seed = 1;
const lineNoise = Int16Array.from({ length: 8000 }, () => Math.round((((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) - 0.5) * 2 * LINE_NOISE));

/** CPU seconds of this process's child processes (the decoder pool), from /proc. */
function childrenCpuSeconds(): number {
  let ticks = 0;
  for (const task of readdirSync('/proc/self/task')) {
    for (const pid of readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // exited meanwhile
      }
    }
  }
  return ticks / CLOCK_TICKS;
}

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

async function run(streams: number, stack: Awaited<ReturnType<typeof createSpeechStack>>, endOfTurn: AdaptiveEndOfTurn | undefined) {
  const sources = Array.from({ length: streams }, () => new FrameSource());
  const latencies: number[] = [];
  let turns = 0;
  let early = 0;
  let failures = 0;
  let running = true;
  // Each stream plays utterance, pause, utterance ... starting at a random offset.
  const cursors = sources.map((_, s) => ({ index: s % audio.length, offset: -Math.floor(Math.random() * PAUSE_MS / 20) * 160 }));
  /** The clip a turn asked for now will hear: the one playing, or (in its pause) the next. */
  const upcoming = (s: number) => {
    const cursor = cursors[s]!;
    return cursor.offset < audio[cursor.index]!.length ? cursor.index : (cursor.index + 1) % audio.length;
  };
  // Sessions opened per turn: a probe the caller talks through costs a new session replaying the turn so far.
  let sessions = 0;
  const stt = { name: stack.stt.name, close: async () => {}, open: (...args: Parameters<typeof stack.stt.open>) => (sessions++, stack.stt.open(...args)) };
  const callers = sources.map(async (source, s) => {
    const listener = new Listener(source, stt, stack.vadFactory);
    while (running) {
      const item = items[upcoming(s)]!;
      try {
        const result = await listener.listen({ context: contextOf(item), noInputTimeoutMs: 30_000, ...(endOfTurn ? { endOfTurn } : {}) });
        if (result.kind === 'speech') {
          latencies.push(result.finalAt - result.speechEndedAt);
          turns++;
          if (result.early) early++;
        }
      } catch {
        failures++;
      }
    }
    listener.close();
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const childrenBefore = childrenCpuSeconds();
  const loopBefore = performance.eventLoopUtilization();
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
      const frame = lineNoise.slice((frames * 160 + s * 37) % 7840, (frames * 160 + s * 37) % 7840 + 160);
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
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const mainCpu = (cpu.user + cpu.system) / 1e6;
  const decoderCpu = childrenCpuSeconds() - childrenBefore;
  const loop = performance.eventLoopUtilization(loopBefore);
  running = false;
  for (const source of sources) source.emit('audio', { samples: new Int16Array(160), sampleRate: 8000 });
  await Promise.race([Promise.all(callers), new Promise((resolve) => setTimeout(resolve, 3000))]);
  return {
    streams, turns, early, sessions, failures, frames, elapsed, decoderCpuPerTurn: turns > 0 ? decoderCpu / turns : 0,
    cpuPerStream: (mainCpu + decoderCpu) / elapsed / streams,
    // Robust to falling behind (then decoders get what CPU they can, and fewer turns finish): what
    // one caller costs at its turn rate, from this process's CPU per stream and decoder CPU per turn.
    fairCpuPerStream: mainCpu / elapsed / streams + (turns > 0 ? decoderCpu / turns / TURN_SECONDS : 0),
    mainShare: mainCpu / (mainCpu + decoderCpu),
    loopUtilization: loop.utilization,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), lateP95: percentile(lateness, 95), worstLateMs,
  };
}

const args = process.argv.slice(2);
const vadIndex = args.indexOf('--vad');
const vad = vadIndex >= 0 ? args.splice(vadIndex, 2)[1]! : 'silero';
const fixed = args.includes('--fixed');
const counts = args.map(Number).filter((n) => n > 0);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-speech-'));
const config = parseConfig({ speech: { vad }, assistant: { businessName: 'Acme', faq: [{ id: 'hours', answer: 'Nine to five.', triggers: ['hours', 'open'] }] } }, 'bench', {});
const brain = new RulesBrain(config.assistant);
const judge = brainCompleteness({ brain, classify: (text: string) => brain.classify(text, { businessName: 'Acme', history: [] }) } as unknown as CallSession);
const endOfTurn = fixed ? undefined : new AdaptiveEndOfTurn(judge);
const stack = await createSpeechStack(config, { dataDir });
const vadName = stack.vadFactory().name;
const silero = vadName === 'silero' ? SileroRuntime.for(config.speech.sileroModel ?? bundledSileroModel()) : undefined;
console.log(`speech-streams: ${RUN_MS / 1000} s per run, each caller speaking ~1/3 of the time (DEV utterances, ${PAUSE_MS / 1000} s pauses of ~-72 dBFS line noise), ` +
  `${vadName} VAD, ${fixed ? 'full end silence' : 'adaptive end of turn (rules brain)'}, passcodes verified against their code, ${stack.stt.name} pool; load average ${loadavg()[0]!.toFixed(2)} on 2 cores shared with other work (contention)`);
const rtf = peerRealTimeFactor(dataDir);
const peerStreams = (2 / rtf) * ((PAUSE_MS + 2000) / 2000);
console.log(`peer pocketsphinx_continuous: ${rtf.toFixed(3)} x real time per stream (incl. model load) -> ~${peerStreams.toFixed(0)} VAD-gated streams on 2 cores`);
for (const n of counts.length ? counts : [50, 100]) {
  const scoredBefore = silero?.windowsScored ?? 0;
  const waitsBefore = silero?.waits ?? 0;
  const r = await run(n, stack, endOfTurn);
  const keepsUp = r.p95 < 1000 && r.lateP95 < 20 && r.failures === 0;
  const windows = (r.frames * n * 20) / 32;
  const gate = silero ? `, ${(((silero.windowsScored - scoredBefore) / windows) * 100).toFixed(0)} % of 32 ms windows past the energy gate to the model, ${silero.waits - waitsBefore} blocking waits for it` : '';
  console.log(
    `${String(n).padStart(4)} streams: ${r.turns} turns (${r.early} early, ${(r.sessions / Math.max(1, r.turns)).toFixed(2)} sessions per turn), decoder CPU ${(r.decoderCpuPerTurn * 1000).toFixed(0)} ms/turn, end-of-speech->final p50 ${r.p50.toFixed(0)} ms p95 ${r.p95.toFixed(0)} ms, ` +
      `frame clock late p95 ${r.lateP95.toFixed(1)} ms (worst ${r.worstLateMs.toFixed(0)}), failures ${r.failures} -> ${keepsUp ? 'keeps up' : 'FALLS BEHIND'}; ` +
      `CPU ${(r.cpuPerStream * 100).toFixed(2)} % of a core per stream (${(r.mainShare * 100).toFixed(0)} % of it in this process, event loop ${(r.loopUtilization * 100).toFixed(0)} % busy${gate}) ` +
      `-> capacity ~${(2 / r.cpuPerStream).toFixed(0)} streams on 2 idle cores (per-turn estimate ~${(2 / r.fairCpuPerStream).toFixed(0)}); ` +
      `ratio to peer estimate ${(2 / r.cpuPerStream / peerStreams).toFixed(2)}; load ${loadavg()[0]!.toFixed(2)}`,
  );
}
await stack.close();
rmSync(dataDir, { recursive: true, force: true });
