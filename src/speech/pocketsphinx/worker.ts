// Decoder engine process: owns pocketsphinx decoders (one per concurrent session), decodes each session
// incrementally as its audio arrives so the final result is ready right after it ends. A session either
// searches its context's grammar/LM or ('forced') scores only the expected code's path. A call's first
// turn has no learned cepstral mean: live, its decoder only follows the turn's own mean (an empty
// search); once it ends, the same decoder searches the turn from that mean (one real search, not two).
import { enginePort, engineSetup } from '../engine-host.js';
import { Upsampler2x } from '../resample.js';
import type { Decoder } from './decoder.js';
import { forcedDigitsGrammar, isAnswerFragment } from './grammars.js';
import type { RecognitionContext, RecognitionResult } from '../types.js';
import type { DecodeRole, FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import { DecoderStock, flavourOf } from './stock.js';

const setup = engineSetup<WorkerSetup>();
const port = enginePort<ToWorker, FromWorker>();
const stock = new DecoderStock(setup);

interface Session {
  /** The session's decoder: live, its search, or for a first turn only the empty tracking search. */
  decoder: Decoder;
  role: DecodeRole;
  upsampler: Upsampler2x;
  frames: number;
  samples16k: number;
  lastPartial: string;
  context: RecognitionContext;
  /** The call's mean this utterance started from (undefined: the model's cmninit). */
  mean?: Float32Array;
  /** A call's first turn: searched only once it ends, from its own mean (no partials meanwhile). */
  deferred: boolean;
  /** Utterance audio kept for a later pass: a call's first turn (own mean), yes/no (LM fallback). */
  audio?: Int16Array[];
}

/** Less audio than this is not worth a second pass (a click, a breath). */
const SECOND_PASS_MIN_SAMPLES = 16000 * 0.3;

const usable = (mean: Float32Array | undefined) => (mean?.every((v) => Number.isFinite(v)) ? mean : undefined);
const sessions = new Map<number, Session>();

function send(message: FromWorker): void {
  port.postMessage(message);
}

/** Starts the utterance of the session's role and context on `decoder`, from `mean` (undefined: as it is). */
function begin(decoder: Decoder, role: DecodeRole, context: RecognitionContext, mean: Float32Array | undefined, pass: 'first' | 'second'): void {
  decoder.cepstralMean = mean;
  // The forced decoder searches only the path through the expected code, with wide beams.
  if (role === 'forced' && context.kind === 'digits') decoder.beginGrammar('forced', forcedDigitsGrammar(context.expected!));
  else decoder.begin(context, pass);
}

/** Decodes `audio` on `decoder` from `mean`: the text, with its path score. */
function decode(decoder: Decoder, session: Session, mean: Float32Array | undefined, pass: 'first' | 'second', nbest: boolean): { result: RecognitionResult; score: number } {
  begin(decoder, pass === 'second' ? 'search' : session.role, session.context, mean, pass);
  for (const chunk of session.audio ?? []) decoder.feed(chunk);
  return { result: decoder.finish(nbest), score: decoder.lastScore };
}

/**
 * The result and its path score, and the cepstral mean when it may teach the call's mean: a search that
 * recognized something (silence or garbage must not shift the call's later turns; forced decodes only score).
 */
function finishSession(session: Session): { result: RecognitionResult; score: number; mean?: Float32Array } {
  // N-best only for yes/no (~8 ms): on the digit grammar's lattice it took ~48 ms per turn, all of it
  // after the caller stopped speaking, and the expected-code check supersedes digit alternatives.
  const nbest = session.role === 'search' && session.context.kind === 'yesNo';
  let result: RecognitionResult;
  let score: number;
  let mean: Float32Array | undefined;
  let own: Float32Array | undefined;
  if (session.deferred) {
    // The tracking search's end mean is this utterance's own (the front end does not depend on the
    // search: the same mean, bit for bit); both decodes of a verified turn start from the same mean.
    session.decoder.finish(false);
    mean = usable(session.decoder.cepstralMean);
    own = mean && session.samples16k >= SECOND_PASS_MIN_SAMPLES ? mean : undefined;
    if (!own) session.decoder.reset(); // too short to learn from: the model's cmninit, as a first pass had
    ({ result, score } = decode(session.decoder, session, own, 'first', nbest));
  } else {
    result = session.decoder.finish(nbest);
    score = session.decoder.lastScore;
    mean = usable(session.decoder.cepstralMean);
  }
  if (session.role === 'forced') return { result, score };
  // When the first pass found no complete path, or the yes/no LM only a fragment of an answer, the same audio again with
  // the other search (grammar first: the permissive LM; LM first: the closed grammar).
  const retry = !result.text || (session.context.kind === 'yesNo' && isAnswerFragment(result.text));
  if (retry && session.audio && session.samples16k >= SECOND_PASS_MIN_SAMPLES) {
    const decoder = stock.take(flavourOf(session.context));
    try {
      return { result: decode(decoder, session, own ?? session.mean, 'second', true).result, score };
    } finally {
      stock.release(decoder);
    }
  }
  return { result, score, ...(result.text && mean ? { mean } : {}) };
}

function open(id: number, context: RecognitionContext, role: DecodeRole, mean: Float32Array | undefined): void {
  if (role === 'forced' && (context.kind !== 'digits' || !context.expected || !/^\d+$/.test(context.expected))) {
    throw new Error('a forced decode needs a digits context with the expected code');
  }
  const deferred = !mean && stock.canTrack;
  const decoder = stock.take(role === 'forced' ? 'verifier' : flavourOf(context));
  try {
    if (deferred) decoder.beginTracking();
    else begin(decoder, role, context, mean, 'first');
  } catch (error) {
    stock.release(decoder);
    throw error;
  }
  sessions.set(id, {
    decoder, role, upsampler: new Upsampler2x(), frames: 0, samples16k: 0, lastPartial: '', context, mean, deferred,
    audio: deferred || (context.kind === 'yesNo' && role === 'search') ? [] : undefined,
  });
}

function handle(message: ToWorker): void {
  if (message.type === 'open') return open(message.id, message.context, message.role, message.cepstralMean);
  const session = sessions.get(message.id);
  if (!session) return; // closed or failed earlier: late messages are harmless
  if (message.type === 'audio') {
    const samples = session.upsampler.process(message.samples);
    session.decoder.feed(samples);
    session.audio?.push(samples);
    session.samples16k += samples.length;
    session.frames += Math.round(message.samples.length / 160);
    if (setup.partialEveryFrames > 0 && session.frames >= setup.partialEveryFrames && session.role === 'search' && !session.deferred) {
      session.frames = 0;
      const text = session.decoder.partial();
      if (text !== session.lastPartial) send({ type: 'partial', id: message.id, text: (session.lastPartial = text) });
    }
    return;
  }
  sessions.delete(message.id);
  if (message.type === 'close') return stock.release(session.decoder); // no result, teaches the call nothing
  let finished: ReturnType<typeof finishSession>;
  try {
    finished = finishSession(session);
  } catch (error) {
    session.decoder.free(); // failed mid-utterance: not trusted with another one
    throw error;
  }
  stock.release(session.decoder);
  const { result, score, mean } = finished;
  send({ type: 'final', id: message.id, result, score, frames: session.samples16k / 160, ...(mean ? { cepstralMean: mean } : {}) });
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
stock.prime();
send({ type: 'ready' });
