// Turn latency (end of caller speech → first reply audio) through the cloud providers against their
// local fakes with an added network round trip, versus the embedded stack, in the same run.
// Turn = STT final after end() + brain.classify + TTS first chunk; same audio, same recognizer inside
// the Watson fake. Audio is fed in real time (20 ms frames). The RTT 0 row measures what the fakes
// themselves cost (flite + sox for speech, a decoder for STT); cloud(RTT) − cloud(0) is what the
// round trips add, to compare with 3 × RTT (STT end, LLM call, TTS first byte).
// Run: node --import tsx bench/cloud-turn-latency.ts [turns=5] [rtts=0,50,100,150]
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '../src/media/wav.js';
import { PocketsphinxStt } from '../src/speech/pocketsphinx/stt.js';
import { FliteTts } from '../src/speech/tts/flite.js';
import { RulesBrain } from '../src/assistant/brain/rules.js';
import { assistantSchema } from '../src/config/assistant.js';
import { openaiSchema, watsonSchema } from '../src/config/cloud.js';
import { WatsonSTT } from '../src/speech/stt/watson.js';
import { OpenAIBrain } from '../src/assistant/brain/openai.js';
import { OpenAITTS } from '../src/speech/tts/openai.js';
import type { Brain } from '../src/assistant/brain/brain.js';
import type { STT, TTS, RecognitionResult } from '../src/speech/types.js';
import { startWatsonFake } from '../test/fakes/watson.js';
import { startOpenAIFake } from '../test/fakes/openai.js';

const turns = Number(process.argv[2] ?? 5);
const rtts = (process.argv[3] ?? '0,50,100,150').split(',').map(Number);
const samples = decodeWav(readFileSync(new URL('../../shared/eval/speech-dev/request-152.wav', import.meta.url))).samples;
const context = { businessName: 'Acme', history: [] };
const reply = (text: string, index: number) => `${text.replace(/[.!?]\s*$/, '')}, reference ${index}.`; // unique: no TTS cache hits

async function turn(stt: STT, brain: Brain, tts: TTS, index: number): Promise<{ total: number; stt: number; brain: number; tts: number; heard: string }> {
  const session = stt.open({ kind: 'free' });
  const final = new Promise<RecognitionResult>((resolve, reject) => {
    session.once('final', resolve);
    session.once('error', reject);
  });
  // Real-time feed, drift-corrected, as a call delivers it.
  const started = performance.now();
  for (let i = 0, n = 0; i + 160 <= samples.length; i += 160, n++) {
    const due = started + n * 20 - performance.now();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    session.write({ samples: samples.subarray(i, i + 160), sampleRate: 8000 });
  }
  const t0 = performance.now();
  session.end();
  const heard = await final;
  const t1 = performance.now();
  const classification = await brain.classify(heard.text, context);
  const t2 = performance.now();
  const text = reply(classification.answer ?? classification.ask ?? 'Let me transfer you to an agent.', index);
  for await (const chunk of tts.synthesize(text)) {
    void chunk;
    break;
  }
  const t3 = performance.now();
  return { total: t3 - t0, stt: t1 - t0, brain: t2 - t1, tts: t3 - t2, heard: heard.text };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(name: string, stt: STT, brain: Brain, tts: TTS) {
  await turn(stt, brain, tts, -1); // warm-up
  const runs = [];
  for (let i = 0; i < turns; i++) runs.push(await turn(stt, brain, tts, i));
  const row = { name, total: median(runs.map((r) => r.total)), stt: median(runs.map((r) => r.stt)), brain: median(runs.map((r) => r.brain)), tts: median(runs.map((r) => r.tts)) };
  console.log(`${name.padEnd(22)} total ${row.total.toFixed(0).padStart(5)} ms   stt ${row.stt.toFixed(0).padStart(4)}   brain ${row.brain.toFixed(0).padStart(4)}   tts first audio ${row.tts.toFixed(0).padStart(4)}   heard "${runs[0]!.heard}"`);
  return row;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-cloud-'));
const recognizer = await PocketsphinxStt.create({ speechDir: join(tmpdir(), 'frontdesk-fake-recognizer'), workers: 1 });
const rules = new RulesBrain(assistantSchema.parse({}));
const flite: TTS = await FliteTts.create({ voice: 'kal16', cacheDir: join(dir, 'tts'), cacheEntries: 10 });
console.log(`cloud turn latency, ${turns} turns per row (medians), embedded TTS ${flite.name}; 2 shared cores under contention from other work`);
const embedded = await measure('embedded', recognizer, rules, flite);
let baseline: number | undefined;
for (const rtt of rtts) {
  const watson = await startWatsonFake({ latencyMs: rtt, recognizer });
  const openai = await startOpenAIFake({ latencyMs: rtt });
  const env = { WATSON_SPEECH2TEXT_API_KEY: 'watson-test-key', STT_INSTANCE_ID: 'fake', WATSON_STT_URL: watson.url, GPT_SERVER_URL: openai.url, GPT_API_KEY: 'sk-bench' };
  const stt = new WatsonSTT(watsonSchema.parse({ iamUrl: watson.iamUrl }), env);
  const brain = new OpenAIBrain({ config: openaiSchema.parse({ timeoutMs: 10_000 }), fallback: rules, businessName: 'Acme', env });
  const tts = new OpenAITTS({ config: openaiSchema.parse({}), env });
  const row = await measure(`cloud, RTT ${rtt} ms`, stt, brain, tts);
  baseline ??= row.total;
  const added = row.total - baseline;
  console.log(`${''.padEnd(22)} cloud/embedded ${(row.total / embedded.total).toFixed(2)}x; added by the round trips ${added.toFixed(0)} ms vs 3 x RTT = ${3 * rtt} ms`);
  await Promise.all([stt.close(), tts.close(), watson.close(), openai.close()]);
}
await Promise.all([recognizer.close(), flite.close()]);
rmSync(dir, { recursive: true, force: true });
