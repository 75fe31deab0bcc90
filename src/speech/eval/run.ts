// The speech harness: every corpus item goes through the same Listener -> VAD -> STT path a call
// uses, and is scored per kind. Extra scorers (e.g. the brain's intent accuracy) plug in as functions.
import { readWav } from '../../media/wav.js';
import { CALL_SAMPLE_RATE } from '../../media/pcm.js';
import { toTelephoneRate } from '../resample.js';
import { Listener, type ListenResult } from '../listener.js';
import type { RecognitionContext, STT, VAD } from '../types.js';
import type { CorpusItem } from './corpus.js';
import { FrameSource, feedFrames } from './feed.js';
import { classifyYesNo, digitsOf, wordErrors } from './score.js';

/** Scores one recognized item beyond the built-in measures; values are averaged per kind and key. */
export type ExtraScorer = (item: CorpusItem, recognizedText: string) => Record<string, number> | Promise<Record<string, number>>;

export interface EvalOptions {
  stt: STT;
  vadFactory: () => VAD;
  endSilenceMs?: Record<RecognitionContext['kind'], number>;
  realtime?: boolean;
  /** Passcodes: pass the expected code as context (as screening does), and also a wrong one to count false accepts. */
  withExpectedCode?: boolean;
  scorers?: ExtraScorer[];
  onItemDone?: (outcome: ItemOutcome) => void;
}

export interface ItemOutcome {
  file: string;
  kind: CorpusItem['kind'];
  cond?: string;
  voice?: string;
  reference: string;
  hypothesis: string;
  outcome: 'speech' | 'timeout' | 'error';
  /** passcode / yes-no: the built-in criterion; request / name: exact sentence match. */
  correct: boolean;
  wordErrors: number;
  words: number;
  latencyMs?: number;
  /** Passcode with a wrong expected code: did the recognizer return that wrong code? */
  falseAccept?: boolean;
  /** Passcode decoded without the expected code in a run that gives it (the blind figure beside the verified one). */
  blind?: boolean;
  extra: Record<string, number>;
}

const NO_INPUT_TIMEOUT_MS = 10_000;
const TRAILING_SILENCE_MS = 2_500;

function contextFor(item: CorpusItem, expected?: string): RecognitionContext {
  if (item.kind === 'passcode') return { kind: 'digits', length: item.expect.digits?.length ?? 4, ...(expected ? { expected } : {}) };
  if (item.kind === 'yesno') return { kind: 'yesNo' };
  return { kind: 'free' };
}

/** Each item is a new call (its own Listener, so a fresh speech channel): no figure depends on item order. */
async function listenTo(samples: Int16Array, context: RecognitionContext, options: EvalOptions): Promise<ListenResult | Error> {
  const source = new FrameSource();
  const listener = new Listener(source, options.stt, options.vadFactory, options.endSilenceMs);
  let heardSpeech = false;
  listener.once('speech-start', () => (heardSpeech = true));
  const turn = listener.listen({ context, noInputTimeoutMs: NO_INPUT_TIMEOUT_MS }).catch((error: Error) => error);
  await feedFrames(source, samples, { realtime: options.realtime ?? false, trailingSilenceMs: TRAILING_SILENCE_MS, until: turn });
  // All audio fed and nothing heard: no more input will come, so the turn is over (a timeout).
  if (!heardSpeech) listener.close();
  const result = await turn;
  return !(result instanceof Error) && result.kind === 'aborted' ? { kind: 'timeout' } : result;
}

function loadSamples(item: CorpusItem): Int16Array {
  const pcm = readWav(item.path);
  return pcm.sampleRate === CALL_SAMPLE_RATE ? pcm.samples : toTelephoneRate(pcm.samples, pcm.sampleRate);
}

export async function evaluateItem(item: CorpusItem, options: EvalOptions, wrongCode?: string, blind = false): Promise<ItemOutcome> {
  const samples = loadSamples(item);
  const expected = options.withExpectedCode && !blind ? (wrongCode ?? item.expect.digits) : undefined;
  const heard = await listenTo(samples, contextFor(item, expected), options);
  const outcome: ItemOutcome['outcome'] = heard instanceof Error ? 'error' : heard.kind === 'speech' ? 'speech' : 'timeout';
  const hypothesis = !(heard instanceof Error) && heard.kind === 'speech' ? heard.result.text : '';
  const latencyMs = !(heard instanceof Error) && heard.kind === 'speech' ? heard.finalAt - heard.speechEndedAt : undefined;
  const { errors, words } = wordErrors(item.text, hypothesis);
  let correct: boolean;
  if (item.kind === 'passcode') correct = digitsOf(hypothesis) === item.expect.digits;
  else if (item.kind === 'yesno') correct = classifyYesNo(hypothesis) === item.expect.answer;
  else correct = errors === 0;
  const extra: Record<string, number> = {};
  for (const scorer of options.scorers ?? []) Object.assign(extra, await scorer(item, hypothesis));
  return {
    file: item.file, kind: item.kind, cond: item.cond, voice: item.voice, reference: item.text, hypothesis, outcome,
    correct: wrongCode ? false : correct, wordErrors: errors, words, latencyMs, extra,
    ...(wrongCode ? { falseAccept: digitsOf(hypothesis) === wrongCode } : {}),
    ...(blind ? { blind } : {}),
  };
}

/** A code that differs from `code` in every digit, so any accept of it is false. */
export function wrongCodeFor(code: string): string {
  return [...code].map((d) => String((Number(d) + 5) % 10)).join('');
}

export async function evaluateCorpus(items: readonly CorpusItem[], options: EvalOptions): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  for (const item of items) {
    const outcome = await evaluateItem(item, options);
    outcomes.push(outcome);
    options.onItemDone?.(outcome);
    if (options.withExpectedCode && item.kind === 'passcode' && item.expect.digits) {
      for (const extra of [await evaluateItem(item, options, wrongCodeFor(item.expect.digits)), await evaluateItem(item, options, undefined, true)]) {
        outcomes.push(extra);
        options.onItemDone?.(extra);
      }
    }
  }
  return outcomes;
}
