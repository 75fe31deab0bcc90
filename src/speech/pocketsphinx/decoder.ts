// One pocketsphinx decoder (used inside a decoder process): its searches per turn context, and one
// utterance at a time decoded incrementally from 16 kHz PCM.
import type { Hypothesis, RecognitionContext, RecognitionResult } from '../types.js';
import { ps, type Pointer } from './binding.js';
import { findCmn, readCmn, resetCmn, writeCmn } from './cmn.js';
import { digitsGrammar, yesNoGrammar } from './grammars.js';
import { TELEPHONE_CMNINIT } from './model.js';

export interface DecoderSetup {
  hmmDir: string;
  dictPath: string;
  /** Free-speech domain LM (ARPA text). */
  domainLmPath: string;
  /** Yes/no LM (ARPA): the second pass when the yes/no grammar finds no complete path. */
  yesNoLmPath: string;
  /** First-pass yes/no search: the phrase grammar (default) or the LM. */
  yesNoSearch?: 'grammar' | 'lm';
  /** Extra pocketsphinx flags, e.g. { '-beam': '1e-60' }. */
  flags?: Record<string, string>;
}

const BASE_FLAGS: Record<string, string> = {
  '-samprate': '16000',
  // speech.md: +3/60 passcodes and lower WER on telephone audio.
  '-remove_noise': 'no',
  // Our VAD already gates the turn; pocketsphinx's own would cut an utterance at pauses.
  '-remove_silence': 'no',
  '-logfn': '/dev/null',
};

const NBEST_LIMIT = 10;
/** No word at all: the search exists only so the front end runs (5.8 ms/s of audio; a one-word grammar 13). */
const TRACKING_GRAMMAR = '#JSGF V1.0;\ngrammar track;\npublic <track> = <NULL>;\n';

export class Decoder {
  private readonly handle: Pointer;
  private readonly config: Pointer;
  private readonly logmath: Pointer;
  private readonly searches = new Set<string>();
  private inUtterance = false;
  private readonly cmn: Pointer | undefined;
  /** The cmninit a fresh decoder starts from; reset() goes back to it. */
  private readonly initialMean: Float32Array | undefined;
  /** Path score of the last final hypothesis (log domain, comparable across searches on the same audio). */
  lastScore = 0;

  constructor(private readonly setup: DecoderSetup) {
    const flags = { ...BASE_FLAGS, '-hmm': setup.hmmDir, '-dict': setup.dictPath, ...setup.flags };
    const variadic: unknown[] = [];
    for (const [name, value] of Object.entries(flags)) variadic.push('str', name, 'str', value);
    variadic.push('str', null);
    this.config = ps.cmdLnInit(null, ps.args(), 1, ...variadic);
    if (!this.config) throw new Error('pocketsphinx rejected its configuration');
    this.handle = ps.init(this.config);
    if (!this.handle) throw new Error(`pocketsphinx failed to load the model in ${setup.hmmDir}`);
    this.logmath = ps.getLogmath(this.handle);
    this.cmn = findCmn(this.handle, this.config, TELEPHONE_CMNINIT.split(',').map(Number));
    this.initialMean = this.cmn ? readCmn(this.cmn) : undefined;
  }

  /** Whether reset() can reach the CMN: else live CMN would carry one call's audio into the next. */
  get reusable(): boolean {
    return this.cmn !== undefined;
  }

  /**
   * No utterance, CMN as ps_init left it (cmninit, nothing accumulated). Not bit for bit a new decoder
   * (acoustic scoring keeps tie-breaking state): DEV eval and intent figures unchanged by reuse.
   */
  reset(): void {
    if (this.inUtterance) ps.endUtt(this.handle);
    this.inUtterance = false;
    if (this.cmn && this.initialMean) resetCmn(this.cmn, this.initialMean);
  }

  /** The live cepstral mean after an utterance (undefined where this library build hides it). */
  get cepstralMean(): Float32Array | undefined {
    return this.cmn ? readCmn(this.cmn) : undefined;
  }

  /** Starts the next utterance from this cepstral mean instead of the model's cmninit. */
  set cepstralMean(mean: Float32Array | undefined) {
    if (this.cmn && mean) writeCmn(this.cmn, mean);
  }

  /** Chooses the search for the context (or its second-pass search) and starts an utterance. */
  begin(context: RecognitionContext, pass: 'first' | 'second' = 'first'): void {
    if (this.inUtterance) ps.endUtt(this.handle);
    ps.setSearch(this.handle, pass === 'second' && context.kind === 'yesNo' ? this.otherYesNoSearch() : this.searchFor(context));
    if (ps.startUtt(this.handle) < 0) throw new Error('pocketsphinx could not start an utterance');
    this.inUtterance = true;
  }

  /**
   * Starts an utterance on an empty search (about a fifth of a real search's CPU): only the front end's
   * cepstral mean is wanted from it, and that does not depend on the search (the same mean, bit for bit).
   */
  beginTracking(): void {
    if (this.inUtterance) ps.endUtt(this.handle);
    ps.setSearch(this.handle, this.ensure('track', () => ps.setJsgfString(this.handle, 'track', TRACKING_GRAMMAR)));
    if (ps.startUtt(this.handle) < 0) throw new Error('pocketsphinx could not start an utterance');
    this.inUtterance = true;
  }

  /** Loads the searches of these turn kinds now, so the first utterance does not wait for them. */
  preload(kinds: RecognitionContext['kind'][]): void {
    if (kinds.includes('digits')) this.searchFor({ kind: 'digits', length: 4 });
    if (kinds.includes('yesNo')) {
      this.yesNoGrammarSearch();
      this.yesNoLm();
    }
    if (kinds.includes('free')) this.searchFor({ kind: 'free' });
  }

  /** Starts an utterance on an ad-hoc grammar (replaced on every call). */
  beginGrammar(name: string, jsgf: string): void {
    if (this.inUtterance) ps.endUtt(this.handle);
    this.must(ps.setJsgfString(this.handle, name, jsgf), name);
    ps.setSearch(this.handle, name);
    if (ps.startUtt(this.handle) < 0) throw new Error('pocketsphinx could not start an utterance');
    this.inUtterance = true;
  }

  feed(samples: Int16Array): void {
    if (!this.inUtterance || samples.length === 0) return;
    if (ps.processRaw(this.handle, samples, samples.length, 0, 0) < 0) throw new Error('pocketsphinx failed to process audio');
  }

  partial(): string {
    return this.inUtterance ? (ps.getHyp(this.handle, [0]) ?? '') : '';
  }

  /** N-best is only worth its A* search on small lattices (yes/no: ~8 ms; a 4-digit turn: ~48 ms). */
  finish(withNbest = true): RecognitionResult {
    if (!this.inUtterance) return { text: '', confidence: 0 };
    this.inUtterance = false;
    ps.endUtt(this.handle);
    const score = [0];
    const text = (ps.getHyp(this.handle, score) ?? '').trim();
    this.lastScore = score[0]!;
    if (!text) return { text: '', confidence: 0 };
    const confidence = this.posterior();
    return withNbest ? { text, confidence, nbest: this.nbest(text, confidence) } : { text, confidence };
  }

  free(): void {
    if (this.inUtterance) ps.endUtt(this.handle);
    ps.free(this.handle);
    ps.cmdLnFree(this.config);
  }

  private posterior(): number {
    const value = ps.logmathExp(this.logmath, ps.getProb(this.handle));
    return Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
  }

  /** Distinct lattice paths, best first; the score gap to the best sets each one's share of the confidence. */
  private nbest(best: string, bestConfidence: number): Hypothesis[] {
    const out: Hypothesis[] = [{ text: best, confidence: bestConfidence }];
    const seen = new Set([best]);
    let iterator = ps.nbest(this.handle, 0, -1, null, null);
    let bestScore: number | undefined;
    for (let n = 0; iterator && n < NBEST_LIMIT * 4 && out.length < NBEST_LIMIT; n++) {
      const score = [0];
      const text = (ps.nbestHyp(iterator, score) ?? '').replace(/<\/?s>|<sil>|\[[a-z]+\]|\(\d+\)/g, ' ').replace(/\s+/g, ' ').trim();
      bestScore ??= score[0]!;
      if (text && !seen.has(text)) {
        seen.add(text);
        const ratio = ps.logmathExp(this.logmath, score[0]! - bestScore);
        out.push({ text, confidence: Math.max(0, Math.min(1, bestConfidence * (Number.isFinite(ratio) ? ratio : 0))) });
      }
      iterator = ps.nbestNext(iterator);
    }
    if (iterator) ps.nbestFree(iterator);
    return out;
  }

  private searchFor(context: RecognitionContext): string {
    if (context.kind === 'digits') {
      // An expected code is verified by the session's forced decode against this grammar's result.
      const length = Math.max(1, Math.min(12, Math.floor(context.length)));
      return this.ensure(`digits${length}`, () => ps.setJsgfString(this.handle, `digits${length}`, digitsGrammar(length)));
    }
    if (context.kind === 'yesNo') {
      return this.setup.yesNoSearch === 'lm' ? this.yesNoLm() : this.yesNoGrammarSearch();
    }
    return this.ensure('domain', () => ps.setLmFile(this.handle, 'domain', this.setup.domainLmPath));
  }

  /** Yes/no's second pass: whichever of the grammar and the LM was not the first. */
  private otherYesNoSearch(): string {
    return this.setup.yesNoSearch === 'lm' ? this.yesNoGrammarSearch() : this.yesNoLm();
  }

  private yesNoGrammarSearch(): string {
    return this.ensure('yesno', () => ps.setJsgfString(this.handle, 'yesno', yesNoGrammar()));
  }

  private yesNoLm(): string {
    return this.ensure('yesno-lm', () => ps.setLmFile(this.handle, 'yesno-lm', this.setup.yesNoLmPath));
  }

  private ensure(name: string, add: () => number): string {
    if (!this.searches.has(name)) {
      this.must(add(), name);
      this.searches.add(name);
    }
    return name;
  }

  private must(status: number, what: string): void {
    if (status < 0) throw new Error(`pocketsphinx could not load the ${what} search (a word missing from the dictionary?)`);
  }
}
