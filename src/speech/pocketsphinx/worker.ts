// Decoder engine process: owns pocketsphinx decoders (one per concurrent session), decodes each session
// incrementally as its audio arrives so the final result is ready right after it ends. A session either
// searches its context's grammar/LM or ('forced') scores only the expected code's path. A call's first
// turn has no learned cepstral mean: it is decoded again from its own mean once it ends.
import { enginePort, engineSetup } from '../engine-host.js';
import { Upsampler2x } from '../resample.js';
import { Decoder, type DecoderSetup } from './decoder.js';
import { forcedDigitsGrammar } from './grammars.js';
import type { RecognitionContext, RecognitionResult } from '../types.js';
import type { DecodeRole, FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import { VERIFIER_FLAGS } from './verify.js';

const setup = engineSetup<WorkerSetup>();
const port = enginePort<ToWorker, FromWorker>();

interface Session {
  decoder: Decoder;
  role: DecodeRole;
  upsampler: Upsampler2x;
  frames: number;
  samples16k: number;
  lastPartial: string;
  context: RecognitionContext;
  /** The call's mean this utterance started from (undefined: the model's cmninit). */
  mean?: Float32Array;
  /** Utterance audio kept for a second pass: a call's first turn (own mean), yes/no (LM fallback). */
  audio?: Int16Array[];
}

/** Less audio than this is not worth a second pass (a click, a breath). */
const SECOND_PASS_MIN_SAMPLES = 16000 * 0.3;

const usable = (mean: Float32Array | undefined) => (mean?.every((v) => Number.isFinite(v)) ? mean : undefined);

/** When the first pass found no complete path, decode the same audio again with the permissive search. */
function secondPass(session: Session, mean: Float32Array | undefined): RecognitionResult | undefined {
  if (!session.audio || session.samples16k < SECOND_PASS_MIN_SAMPLES) return undefined;
  const decoder = takeDecoder(session.context);
  try {
    decoder.cepstralMean = mean;
    decoder.begin(session.context, 'second');
    for (const chunk of session.audio) decoder.feed(chunk);
    return decoder.finish();
  } finally {
    release(decoder);
  }
}

/**
 * Two decoder flavours: closed-grammar turns (digits, yes/no) score more Gaussians per frame (setup
 * grammarFlags: +4/60 passcodes), free speech searches with wider beams (setup lmFlags).
 */
type Flavour = 'grammar' | 'lm';
const flavourOf = (context: RecognitionContext): Flavour => (context.kind === 'free' ? 'lm' : 'grammar');
const flavourSetup: Record<Flavour, DecoderSetup> = {
  grammar: { ...setup, dictPath: setup.grammarDictPath, flags: { ...setup.flags, ...setup.grammarFlags } },
  lm: { ...setup, flags: { ...setup.flags, ...setup.lmFlags } },
};
const spare: Record<Flavour, Decoder[]> = { grammar: [], lm: [] };
const spareVerifiers: Decoder[] = [];
const verifierSetup = { ...flavourSetup.grammar, flags: { ...flavourSetup.grammar.flags, ...VERIFIER_FLAGS } };
const sessions = new Map<number, Session>();

function send(message: FromWorker): void {
  port.postMessage(message);
}

function freshDecoder(flavour: Flavour): Decoder {
  const decoder = new Decoder(flavourSetup[flavour]);
  decoder.preload(flavour === 'lm' ? ['free'] : ['digits', 'yesNo']);
  return decoder;
}

function takeDecoder(context: RecognitionContext): Decoder {
  const flavour = flavourOf(context);
  return spare[flavour].pop() ?? freshDecoder(flavour);
}

/**
 * Decoders serve one utterance only: live CMN carries its estimate into the next utterance, so reuse
 * would let one call's audio (or garbage) shape another call's recognition. Spares are rebuilt when idle.
 */
function release(decoder: Decoder): void {
  decoder.free();
  replenish();
}

let replenishing = false;
function replenish(): void {
  if (replenishing) return;
  replenishing = true;
  setImmediate(() => {
    replenishing = false;
    if (spare.grammar.length < setup.spareDecoders) spare.grammar.push(freshDecoder('grammar'));
    else if (spare.lm.length < setup.spareDecoders) spare.lm.push(freshDecoder('lm'));
    else if (spareVerifiers.length < 1) spareVerifiers.push(new Decoder(verifierSetup));
    else return;
    replenish();
  });
}

/** The decoder of a 'forced' session: only the path through the expected code, searched with wide beams. */
function openForced(context: RecognitionContext, mean: Float32Array | undefined): Decoder {
  if (context.kind !== 'digits' || !context.expected || !/^\d+$/.test(context.expected)) {
    throw new Error('a forced decode needs a digits context with the expected code');
  }
  const decoder = spareVerifiers.pop() ?? new Decoder(verifierSetup);
  try {
    decoder.cepstralMean = mean;
    decoder.beginGrammar('forced', forcedDigitsGrammar(context.expected));
  } catch (error) {
    release(decoder);
    throw error;
  }
  return decoder;
}

function openSearch(context: RecognitionContext, mean: Float32Array | undefined): Decoder {
  const decoder = takeDecoder(context);
  try {
    decoder.cepstralMean = mean;
    decoder.begin(context);
  } catch (error) {
    release(decoder);
    throw error;
  }
  return decoder;
}

/**
 * The result, and the decoder's cepstral mean when it may teach the call's mean: a search that recognized
 * something (silence or garbage must not shift the call's later turns; forced decodes only score a path).
 */
function finishSession(session: Session): { result: RecognitionResult; mean?: Float32Array } {
  // N-best only for yes/no (~8 ms): on the digit grammar's lattice it took ~48 ms per turn, all of it
  // after the caller stopped speaking, and the expected-code check supersedes digit alternatives.
  const nbest = session.role === 'search' && session.context.kind === 'yesNo';
  let result = session.decoder.finish(nbest);
  // A fresh decoder's end mean is this utterance's own; both decodes of a turn hear the same audio, so
  // their second passes start from the same mean.
  const mean = usable(session.decoder.cepstralMean);
  const own = !session.mean && mean && session.samples16k >= SECOND_PASS_MIN_SAMPLES ? mean : undefined;
  if (own && session.audio) result = session.decoder.again(session.audio, own, nbest);
  if (session.role === 'forced') return { result };
  if (!result.text) return { result: secondPass(session, own ?? session.mean) ?? result };
  return { result, mean };
}

function handle(message: ToWorker): void {
  if (message.type === 'open') {
    const context = message.context;
    const mean = message.cepstralMean;
    const decoder = message.role === 'forced' ? openForced(context, mean) : openSearch(context, mean);
    sessions.set(message.id, {
      decoder, role: message.role, upsampler: new Upsampler2x(), frames: 0, samples16k: 0, lastPartial: '', context, mean,
      audio: !mean || (context.kind === 'yesNo' && message.role === 'search') ? [] : undefined,
    });
    return;
  }
  const session = sessions.get(message.id);
  if (!session) return; // closed or failed earlier: late messages are harmless
  if (message.type === 'audio') {
    const samples = session.upsampler.process(message.samples);
    session.decoder.feed(samples);
    session.audio?.push(samples);
    session.samples16k += samples.length;
    session.frames += Math.round(message.samples.length / 160);
    if (setup.partialEveryFrames > 0 && session.frames >= setup.partialEveryFrames && session.role === 'search') {
      session.frames = 0;
      const text = session.decoder.partial();
      if (text !== session.lastPartial) send({ type: 'partial', id: message.id, text: (session.lastPartial = text) });
    }
    return;
  }
  sessions.delete(message.id);
  if (message.type === 'end') {
    const { result, mean } = finishSession(session);
    const score = session.decoder.lastScore;
    release(session.decoder);
    send({ type: 'final', id: message.id, result, score, frames: session.samples16k / 160, ...(mean ? { cepstralMean: mean } : {}) });
  } else {
    release(session.decoder); // a closed turn has no result and teaches the call's mean nothing
  }
}

port.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    const failed = sessions.get(message.id);
    if (failed) {
      sessions.delete(message.id);
      try {
        failed.decoder.free();
      } catch {
        // the decoder is already broken; dropping it is all we can do
      }
    }
    send({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});

// Load one decoder up front so the first call does not pay for ps_init (a failure here fails start-up).
spare.grammar.push(freshDecoder('grammar'));
send({ type: 'ready' });
replenish();
