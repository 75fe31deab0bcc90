// Decoder engine process: owns pocketsphinx decoders (one per concurrent session, reused), decodes
// each session incrementally as its audio arrives so the final result is ready right after it ends.
import { enginePort, engineSetup } from '../engine-host.js';
import { Upsampler2x } from '../resample.js';
import { Decoder, type DecoderSetup } from './decoder.js';
import { forcedDigitsGrammar } from './grammars.js';
import type { RecognitionContext, RecognitionResult } from '../types.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import { VERIFIER_FLAGS, verifyExpected } from './verify.js';

const setup = engineSetup<WorkerSetup>();
const port = enginePort<ToWorker, FromWorker>();

interface Session {
  decoder: Decoder;
  /** Forced decoder through the expected code, when the turn has one. */
  verifier?: { decoder: Decoder; expected: string };
  upsampler: Upsampler2x;
  frames: number;
  samples16k: number;
  lastPartial: string;
  context: RecognitionContext;
  /** Utterance audio kept for a second pass (yes/no only: short turns, cheap to re-decode). */
  audio?: Int16Array[];
}

/** Less audio than this is not worth a second pass (a click, a breath). */
const SECOND_PASS_MIN_SAMPLES = 16000 * 0.3;

/** When the first pass found no complete path, decode the same audio again with the permissive search. */
function secondPass(session: Session): RecognitionResult | undefined {
  if (!session.audio || session.samples16k < SECOND_PASS_MIN_SAMPLES) return undefined;
  const decoder = takeDecoder(session.context);
  try {
    decoder.cepstralMean = channelMean;
    decoder.begin(session.context, 'second');
    for (const chunk of session.audio) decoder.feed(chunk);
    return decoder.finish();
  } finally {
    release(decoder);
  }
}

/**
 * Running cepstral mean of recent good utterances: fresh decoders start from it rather than the model's
 * cmninit (DEV passcodes 33/60 -> see the eval). Empty results (silence, garbage) never update it,
 * so bad audio cannot shift the next caller's features.
 */
let channelMean: Float32Array | undefined;
const CHANNEL_MEAN_WEIGHT = 0.5;

function learnChannelMean(decoder: Decoder): void {
  const mean = decoder.cepstralMean;
  if (!mean || mean.some((v) => !Number.isFinite(v))) return;
  if (!channelMean) channelMean = mean;
  else for (let i = 0; i < mean.length; i++) channelMean[i] = (1 - CHANNEL_MEAN_WEIGHT) * channelMean[i]! + CHANNEL_MEAN_WEIGHT * mean[i]!;
}

/**
 * Two decoder flavours: closed-grammar turns (digits, yes/no) score more Gaussians per frame (setup
 * grammarFlags: +4/60 passcodes), free speech keeps the cheap default (the LM search is the costly one).
 */
type Flavour = 'grammar' | 'lm';
const flavourOf = (context: RecognitionContext): Flavour => (context.kind === 'free' ? 'lm' : 'grammar');
const flavourSetup: Record<Flavour, DecoderSetup> = { grammar: { ...setup, flags: { ...setup.flags, ...setup.grammarFlags } }, lm: setup };
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

function openVerifier(expected: string): Session['verifier'] {
  const decoder = spareVerifiers.pop() ?? new Decoder(verifierSetup);
  try {
    decoder.cepstralMean = channelMean;
    decoder.beginGrammar('forced', forcedDigitsGrammar(expected));
  } catch (error) {
    release(decoder);
    throw error;
  }
  return { decoder, expected };
}

function finishSession(session: Session, wantResult = true): RecognitionResult {
  let free = session.decoder.finish(session.context.kind !== 'free');
  if (free.text) learnChannelMean(session.decoder);
  else if (wantResult) free = secondPass(session) ?? free;
  if (!session.verifier) return free;
  const forced = session.verifier.decoder.finish();
  const { verified: _verified, ratio: _ratio, ...result } = verifyExpected({
    expected: session.verifier.expected,
    free,
    freeScore: session.decoder.lastScore,
    forced,
    forcedScore: session.verifier.decoder.lastScore,
    frames: session.samples16k / 160,
  });
  return result;
}

function releaseSession(session: Session): void {
  release(session.decoder);
  if (session.verifier) release(session.verifier.decoder);
}

function handle(message: ToWorker): void {
  if (message.type === 'open') {
    const decoder = takeDecoder(message.context);
    try {
      decoder.cepstralMean = channelMean;
      decoder.begin(message.context);
    } catch (error) {
      release(decoder);
      throw error;
    }
    const context = message.context;
    let verifier: Session['verifier'];
    if (context.kind === 'digits' && context.expected && /^\d+$/.test(context.expected) && context.expected.length === context.length) {
      try {
        verifier = openVerifier(context.expected);
      } catch (error) {
        release(decoder);
        throw error;
      }
    }
    sessions.set(message.id, {
      decoder, verifier, upsampler: new Upsampler2x(), frames: 0, samples16k: 0, lastPartial: '', context,
      audio: context.kind === 'yesNo' ? [] : undefined,
    });
    return;
  }
  const session = sessions.get(message.id);
  if (!session) return; // closed or failed earlier: late messages are harmless
  if (message.type === 'audio') {
    const samples = session.upsampler.process(message.samples);
    session.decoder.feed(samples);
    session.verifier?.decoder.feed(samples);
    session.audio?.push(samples);
    session.samples16k += samples.length;
    session.frames += Math.round(message.samples.length / 160);
    if (setup.partialEveryFrames > 0 && session.frames >= setup.partialEveryFrames) {
      session.frames = 0;
      const text = session.decoder.partial();
      if (text !== session.lastPartial) send({ type: 'partial', id: message.id, text: (session.lastPartial = text) });
    }
    return;
  }
  sessions.delete(message.id);
  if (message.type === 'end') {
    const result = finishSession(session);
    releaseSession(session);
    send({ type: 'final', id: message.id, result });
  } else {
    finishSession(session, false);
    releaseSession(session);
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
        failed.verifier?.decoder.free();
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
