// `frontdesk eval speech`: runs the speech corpus through the call path (Listener -> VAD -> STT)
// and prints accuracy per kind and end-of-speech -> final latency; --json writes the figures.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { createSpeechStack, endSilenceFromConfig } from '../../speech/index.js';
import { loadCorpus, type CorpusKind } from '../../speech/eval/corpus.js';
import { evaluateCorpus } from '../../speech/eval/run.js';
import { speechEvalScorers } from '../../speech/eval/scorers.js';
import { formatSummary, summarize } from '../../speech/eval/report.js';

interface EvalSpeechFlags {
  corpus: string;
  json?: string;
  realtime?: boolean;
  expected?: boolean;
  kind?: string[];
  config?: string;
  dataDir?: string;
  verbose?: boolean;
}

const KINDS: CorpusKind[] = ['passcode', 'yesno', 'request', 'name'];

async function evalSpeech(flags: EvalSpeechFlags): Promise<void> {
  const config = loadConfig(flags.config);
  const kinds = flags.kind?.length ? flags.kind : KINDS;
  const unknown = kinds.filter((k) => !(KINDS as string[]).includes(k));
  if (unknown.length) throw new Error(`unknown --kind ${unknown.join(', ')} (choose from ${KINDS.join(', ')})`);
  const items = loadCorpus(resolve(flags.corpus)).filter((item) => kinds.includes(item.kind));
  if (items.length === 0) throw new Error(`no corpus items of kind ${kinds.join(', ')} in ${flags.corpus}`);
  const dataDir = flags.dataDir ?? mkdtempSync(join(tmpdir(), 'frontdesk-eval-'));
  const stack = await createSpeechStack(config, { dataDir });
  // --expected adds two runs per passcode: a wrong-code probe and a blind decode.
  const probes = flags.expected ? 2 * items.filter((i) => i.kind === 'passcode').length : 0;
  const bar = new SingleBar({ format: 'eval speech [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  bar.start(items.length + probes, 0, { file: '' });
  try {
    const outcomes = await evaluateCorpus(items, {
      stt: stack.stt,
      vadFactory: stack.vadFactory,
      endSilenceMs: endSilenceFromConfig(config.speech),
      realtime: flags.realtime ?? false,
      withExpectedCode: flags.expected ?? false,
      scorers: speechEvalScorers,
      onItemDone: (outcome) => bar.increment(1, { file: outcome.file }),
    });
    bar.stop();
    if (flags.verbose) {
      for (const o of outcomes) console.log(`${o.correct ? 'ok ' : o.falseAccept ? 'FA ' : '-- '} ${o.file}${o.blind ? ' (blind)' : o.falseAccept !== undefined ? ' (wrong code)' : ''} ${JSON.stringify(o.reference)} -> ${JSON.stringify(o.hypothesis)}`);
    }
    const summary = summarize(outcomes);
    console.log(`${stack.stt.name} + ${stack.vadFactory().name} VAD, ${items.length} items${flags.expected ? ', expected passcode given as context' : ''}${flags.realtime ? ', real-time pacing' : ''}`);
    console.log(formatSummary(summary));
    if (flags.json) writeFileSync(flags.json, JSON.stringify({ corpus: resolve(flags.corpus), stt: stack.stt.name, summary, outcomes }, null, 2));
  } finally {
    bar.stop();
    await stack.close();
  }
}

export function register(program: Command): void {
  const evalCommand = program.command('eval').description('Measure the assistant against evaluation corpora');
  evalCommand
    .command('speech')
    .description('Run every corpus utterance through the call path (Listener -> VAD -> STT) and report accuracy and latency')
    .option('--corpus <dir>', 'corpus directory with manifest.jsonl', '../shared/eval/speech-dev')
    .option('--json <file>', 'write summary and per-item outcomes as JSON')
    .option('--realtime', 'pace audio at real time (default: as fast as possible)')
    .option('--expected', 'give passcode turns the expected code as context, and probe each with a wrong code')
    .option('--kind <kind...>', `only these kinds (${KINDS.join(', ')})`)
    .option('-c, --config <file>', 'configuration file (speech section)')
    .option('--data-dir <dir>', 'where models and caches are prepared (default: a temporary directory)')
    .option('-v, --verbose', 'print every hypothesis')
    .action((flags: EvalSpeechFlags) => evalSpeech(flags));
}
