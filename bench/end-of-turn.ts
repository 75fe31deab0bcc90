// Adaptive end of turn over the whole DEV corpus: each file through the real Listener -> energy VAD ->
// pocketsphinx path three times — full end silence, adaptive (short pause + the rules brain's
// completeness check, as the assistant runs it), full silence again (the run-to-run noise floor) —
// and, per kind, how many turns ended early, how much audio that saved, and how many were understood
// (digits exact, yes/no answer, request intent+topic). Audio is fed as fast as decoding allows, but
// paused while a recognizer is finishing, so a probe sees no audio the caller has not yet spoken.
// Usage: node --import tsx bench/end-of-turn.ts [--free 200] [--short 150]
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseConfig } from '../src/config/load.js';
import { readWav } from '../src/media/wav.js';
import { createSpeechStack } from '../src/speech/index.js';
import { Listener } from '../src/speech/listener.js';
import { FrameSource } from '../src/speech/eval/feed.js';
import { loadCorpus, type CorpusItem } from '../src/speech/eval/corpus.js';
import { EARLY_END_MS_DEFAULTS } from '../src/config/speech.js';
import { AdaptiveEndOfTurn } from '../src/speech/turn/end-of-turn.js';
import type { RecognitionContext, STT } from '../src/speech/types.js';
import { RulesBrain } from '../src/assistant/brain/rules.js';
import { brainCompleteness } from '../src/assistant/tasks/end-of-turn.js';
import type { CallSession } from '../src/assistant/flow/session.js';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const probeMs = { free: arg('--free', EARLY_END_MS_DEFAULTS.free), digits: arg('--short', EARLY_END_MS_DEFAULTS.digits), yesNo: arg('--short', EARLY_END_MS_DEFAULTS.yesNo) };
const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'speech-dev');
const TAIL_MS = 2500;

const config = parseConfig({ assistant: { businessName: 'Acme', faq: [{ id: 'hours', answer: 'Nine to five.', triggers: ['hours', 'open'] }] } }, 'bench', {});
const stack = await createSpeechStack(config, { dataDir: mkdtempSync(join(tmpdir(), 'bench-eot-')) });
const brain = new RulesBrain(config.assistant);
const judge = brainCompleteness({ brain, classify: (text: string) => brain.classify(text, { businessName: 'Acme', history: [] }) } as unknown as CallSession);

// While a session is finishing, the feed waits for its final (plus a moment for the judgement).
let finishing: Promise<void> | undefined;
const stt: STT = {
  name: stack.stt.name,
  close: async () => {},
  open: (context) => {
    const session = stack.stt.open(context);
    const end = session.end.bind(session);
    session.end = () => {
      finishing = new Promise((resolve) => session.once('final', () => setTimeout(resolve, 5)));
      end();
    };
    return session;
  },
};

async function turn(samples: Int16Array, context: RecognitionContext, adaptive: boolean) {
  const source = new FrameSource();
  const listener = new Listener(source, stt, stack.vadFactory);
  let frames = 0;
  let endFrame = -1;
  listener.on('speech-end', () => (endFrame = frames));
  const result = listener.listen({ context, noInputTimeoutMs: 20_000, endOfTurn: adaptive ? new AdaptiveEndOfTurn(judge, probeMs) : undefined });
  let done = false;
  void result.finally(() => (done = true));
  const audio = new Int16Array(samples.length + TAIL_MS * 8);
  audio.set(samples);
  for (let i = 0; i * 160 < audio.length && !done; i++) {
    if (finishing) await finishing.finally(() => (finishing = undefined));
    if (done) break;
    frames++;
    source.emit('audio', { samples: audio.subarray(i * 160, i * 160 + 160), sampleRate: 8000 });
    if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const outcome = await result;
  return { text: outcome.kind === 'speech' ? outcome.result.text : '', early: outcome.kind === 'speech' && outcome.early === true, endFrame };
}

async function understood(item: CorpusItem, text: string): Promise<boolean> {
  if (item.kind === 'request') {
    const c = await brain.classify(text, { businessName: 'Acme', history: [] });
    return c.intent === item.expect.intent && c.topic === item.expect.topic;
  }
  if (item.kind === 'yesno') return (await brain.yesNo(text)) === item.expect.answer;
  return (await brain.verifyCode(text, item.expect.digits ?? '')).number === item.expect.digits;
}

console.log(`end-of-turn over the DEV corpus; probe after ${JSON.stringify(probeMs)} ms of pause, full silence ${JSON.stringify(config.speech.endSilenceMs)} ms`);
for (const kind of ['passcode', 'yesno', 'request'] as const) {
  const items = loadCorpus(CORPUS).filter((i) => i.kind === kind);
  const context: RecognitionContext = kind === 'passcode' ? { kind: 'digits', length: 4 } : kind === 'yesno' ? { kind: 'yesNo' } : { kind: 'free' };
  const s = { early: 0, savedMs: 0, sameText: 0, sameTextAgain: 0, full: 0, adaptive: 0, fullAgain: 0 };
  for (const item of items) {
    const samples = readWav(item.path).samples;
    const full = await turn(samples, context, false);
    const adaptive = await turn(samples, context, true);
    const again = await turn(samples, context, false);
    if (adaptive.early) (s.early++, (s.savedMs += (full.endFrame - adaptive.endFrame) * 20));
    s.sameText += Number(adaptive.text === full.text);
    s.sameTextAgain += Number(again.text === full.text);
    s.full += Number(await understood(item, full.text));
    s.adaptive += Number(await understood(item, adaptive.text));
    s.fullAgain += Number(await understood(item, again.text));
  }
  console.log(`${kind} (${items.length}): ended early ${s.early}, mean audio saved ${(s.savedMs / Math.max(1, s.early)).toFixed(0)} ms; ` +
    `understood: full silence ${s.full}, adaptive ${s.adaptive}, full silence again ${s.fullAgain}; ` +
    `same text as full silence: adaptive ${s.sameText}, full silence again ${s.sameTextAgain}`);
}
await stack.close();
