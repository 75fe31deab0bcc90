// Re-scores the rules brain on transcripts saved by `bench/intent-speech.ts --save FILE` (what the
// recognizer heard for each DEV request), next to the manifest text and the held-out phrasings, so a
// brain change is judged on recognized speech without decoding again. Peer: the same items as text.
// Usage: node --import tsx bench/intent-transcripts.ts FILE [--verbose]
import { readFileSync } from 'node:fs';
import { RulesBrain } from '../src/assistant/brain/rules.js';
import { loadConfig } from '../src/config/load.js';
import { score, type LabelledText } from './intent.js';

const [file] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: bench/intent-transcripts.ts heard.json [--verbose]');
  process.exit(2);
}
const verbose = process.argv.includes('--verbose');
const saved = JSON.parse(readFileSync(file, 'utf8')) as { text: string; heard: string; expect: LabelledText['expect'] }[];
const brain = new RulesBrain(loadConfig('config/frontdesk.yaml').assistant);
const heldOut = JSON.parse(readFileSync(new URL('./intent-heldout.json', import.meta.url), 'utf8')) as LabelledText[];
console.log('saved transcripts, recognized', score(brain, saved.map((s) => ({ text: s.heard, expect: s.expect })), verbose));
console.log('saved transcripts, their text ', score(brain, saved.map((s) => ({ text: s.text, expect: s.expect })), verbose));
console.log('held-out phrasings, text       ', score(brain, heldOut, verbose));
