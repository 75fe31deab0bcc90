// The embedded recognizer: prepares model, dictionary and language models in the data dir at
// start-up, then serves sessions from a pool of decoder processes (one per core by default).
import { availableParallelism } from 'node:os';
import { writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../log.js';
import { buildArpa, tokenize, vocabularyOf } from '../lm/arpa.js';
import { domainSentences, type DomainVocabulary } from '../lm/phrases.js';
import type { RecognitionContext, STT, SttOpenOptions } from '../types.js';
import { ChannelMeans } from './channel-mean.js';
import { grammarWords, yesNoSentences } from './grammars.js';
import { prepareModel } from './model.js';
import { DecoderPool } from './pool.js';
import { PocketsphinxSession } from './session.js';

/**
 * Wider beams for the free-speech search: over DEV's 60 requests intent 53 → 54/60 and WER 21.2 → 19.9 %,
 * held-out 34/40 either way (WER 26.5 → 25.4 %); flat from 1e-60 to 1e-100, so fewer pruning errors
 * rather than a lucky setting. About +18 ms of CPU per request turn.
 */
const FREE_SPEECH_BEAMS = { '-beam': '1e-60', '-wbeam': '1e-48', '-pbeam': '1e-60' };

export interface PocketsphinxOptions {
  /** Where the model copy, dictionary and LMs live (created if missing). */
  speechDir: string;
  /** Decoder processes; 0 = one per core. */
  workers?: number;
  vocabulary?: DomainVocabulary;
  /** First pass for yes/no: 'lm' (a trigram over the answer phrases) or 'grammar' (the same phrases, closed); the other one is the second pass. */
  yesNoModel?: 'grammar' | 'lm';
  /** Gaussians scored per frame in digit/yes-no turns: 16 measured +4/60 passcodes over the default 4, at ~40 % more CPU. */
  grammarTopn?: number;
  flags?: Record<string, string>;
  logger?: Logger;
}

function writeAtomic(path: string, text: string): void {
  const staging = `${path}.tmp-${process.pid}`;
  writeFileSync(staging, text);
  renameSync(staging, path);
}

export class PocketsphinxStt implements STT {
  readonly name = 'pocketsphinx';
  /** Per call, never shared: see channel-mean.ts. */
  private readonly means = new ChannelMeans();

  private constructor(readonly pool: DecoderPool) {}

  static async create(options: PocketsphinxOptions): Promise<PocketsphinxStt> {
    const domain = domainSentences(options.vocabulary);
    const yesNo = yesNoSentences();
    const model = prepareModel(options.speechDir, [...grammarWords(), ...vocabularyOf(domain), ...vocabularyOf(yesNo)]);
    if (model.missing.length > 0) {
      options.logger?.warn({ words: model.missing.slice(0, 20), count: model.missing.length }, 'words without a pronunciation are left out of the language model');
    }
    const unknown = new Set(model.missing);
    const known = (sentence: string) => tokenize(sentence).every((word) => !unknown.has(word));
    const domainLmPath = join(options.speechDir, 'domain.arpa');
    writeAtomic(domainLmPath, buildArpa(domain.filter(known)));
    const yesNoLmPath = join(options.speechDir, 'yesno.arpa');
    writeAtomic(yesNoLmPath, buildArpa(yesNo));
    const size = options.workers && options.workers > 0 ? options.workers : availableParallelism();
    // -fwdflat no: same WER on DEV request turns (34.0 % vs 34.3 %), end-of-utterance 21 ms instead of 123 ms.
    const flags = { '-fwdflat': 'no', ...options.flags };
    const pool = new DecoderPool(
      { hmmDir: model.hmmDir, dictPath: model.dictPath, grammarDictPath: model.grammarDictPath, domainLmPath, yesNoLmPath, yesNoSearch: options.yesNoModel ?? 'lm', flags,
        grammarFlags: { '-topn': String(options.grammarTopn ?? 16) }, lmFlags: FREE_SPEECH_BEAMS, spareDecoders: 3, partialEveryFrames: 25 },
      size,
      options.logger,
    );
    try {
      await pool.ready();
    } catch (error) {
      await pool.close();
      throw error;
    }
    return new PocketsphinxStt(pool);
  }

  open(context: RecognitionContext, options: SttOpenOptions = {}): PocketsphinxSession {
    return new PocketsphinxSession(this.pool, context, this.means, options.channel);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
