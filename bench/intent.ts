// Intent accuracy of the rules brain from text: the DEV manifest's request items (kind=request,
// expect {intent, topic, class}) and a held-out set of our own phrasings (bench/intent-heldout.json).
// Usage: node --import tsx bench/intent.ts [manifest.jsonl]   — prints per-field and exact accuracy.
import { readFileSync } from 'node:fs';
import { RulesBrain } from '../src/assistant/brain/rules.js';
import { assistantSchema } from '../src/config/assistant.js';
import { loadConfig } from '../src/config/load.js';

export interface LabelledText {
  text: string;
  expect: { intent: string; topic: string; class: string };
}

export function score(brain: RulesBrain, items: LabelledText[], showMisses: boolean) {
  const counts = { intent: 0, topic: 0, class: 0, exact: 0 };
  for (const item of items) {
    const got = brain.classifyNow(item.text);
    const ok = { intent: got.intent === item.expect.intent, topic: got.topic === item.expect.topic, class: got.class === item.expect.class };
    for (const key of ['intent', 'topic', 'class'] as const) if (ok[key]) counts[key]++;
    if (ok.intent && ok.topic && ok.class) counts.exact++;
    else if (showMisses) console.log(`  miss: "${item.text}" expected ${JSON.stringify(item.expect)} got ${JSON.stringify({ intent: got.intent, topic: got.topic, class: got.class })}`);
  }
  const pct = (n: number) => `${((100 * n) / items.length).toFixed(1)} %`;
  return { n: items.length, intent: pct(counts.intent), topic: pct(counts.topic), class: pct(counts.class), exact: pct(counts.exact), exactCount: counts.exact };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = process.argv[2] ?? '../shared/eval/speech-dev/manifest.jsonl';
  const config = loadConfig('config/frontdesk.yaml');
  const brain = new RulesBrain(config.assistant ?? assistantSchema.parse({}));
  const dev = readFileSync(manifest, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.kind === 'request');
  const heldOut = JSON.parse(readFileSync(new URL('./intent-heldout.json', import.meta.url), 'utf8')) as LabelledText[];
  const started = performance.now();
  console.log('DEV manifest text', score(brain, dev, true));
  console.log('held-out phrasings', score(brain, heldOut, true));
  const perCall = (performance.now() - started) / (dev.length + heldOut.length);
  console.log(`classify: ${(perCall * 1000).toFixed(0)} µs per utterance (includes scoring)`);
}
