// The speech stack a deployment runs: STT, TTS and VAD chosen by config. Providers register in the
// tables below (cloud engineers add watson/deepgram/openai entries beside the embedded ones).
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { DomainVocabulary } from './lm/phrases.js';
import { PocketsphinxStt } from './pocketsphinx/stt.js';
import { FliteTts } from './tts/flite.js';
import type { STT, TTS, VAD } from './types.js';
import { EnergyVad } from './vad/energy.js';
import { SileroVad } from './vad/silero.js';
import { SileroRuntime, bundledSileroModel } from './vad/silero-runtime.js';
import { createWatsonStt } from './stt/watson.js';
import { createDeepgramStt } from './stt/deepgram.js';
import { createOpenAiTts } from './tts/openai.js';

export interface SpeechStack {
  stt: STT;
  tts: TTS;
  vadFactory: () => VAD;
  close(): Promise<void>;
}

export interface SpeechStackOptions {
  dataDir: string;
  logger?: Logger;
  /** Topics, FAQ and customer/agent names: they train the embedded recognizer's language model. */
  vocabulary?: DomainVocabulary;
}

type Speech = Config['speech'];
export type SttFactory = (speech: Speech, options: SpeechStackOptions & { config: Config }) => Promise<STT>;
export type TtsFactory = (speech: Speech, options: SpeechStackOptions & { config: Config }) => Promise<TTS>;
export type VadFactoryMaker = (speech: Speech, options: SpeechStackOptions) => () => VAD;

export const sttProviders: Partial<Record<Speech['stt'], SttFactory>> = {
  pocketsphinx: (speech, options) =>
    PocketsphinxStt.create({
      speechDir: join(options.dataDir, 'speech'),
      workers: speech.workers,
      vocabulary: options.vocabulary,
      yesNoModel: speech.yesNoModel,
      logger: options.logger,
    }),
  watson: (_speech, options) => createWatsonStt(options),
  deepgram: (_speech, options) => createDeepgramStt(options),
};

export const ttsProviders: Partial<Record<Speech['tts'], TtsFactory>> = {
  flite: (speech, options) =>
    FliteTts.create({ voice: speech.voice, cacheDir: join(options.dataDir, 'speech', 'tts-cache'), cacheEntries: speech.ttsCacheEntries }),
  openai: (speech, options) => createOpenAiTts(options, ttsProviders.flite!(speech, options)),
};

export const vadProviders: Partial<Record<Speech['vad'], VadFactoryMaker>> = {
  energy: (speech) => () => new EnergyVad({ minSpeechMs: speech.minSpeechMs }),
  silero: (speech, options) => {
    const runtime = SileroRuntime.for(speech.sileroModel ?? bundledSileroModel(), options.logger);
    // Once the runtime has failed (logged once), calls get the energy VAD outright.
    return () => (runtime.failed ? new EnergyVad({ minSpeechMs: speech.minSpeechMs }) : new SileroVad(runtime, { minSpeechMs: speech.minSpeechMs }));
  },
};

export async function createSpeechStack(config: Config, options: SpeechStackOptions = { dataDir: config.operations.dataDir }): Promise<SpeechStack> {
  const speech = config.speech;
  const makeStt = sttProviders[speech.stt];
  const makeTts = ttsProviders[speech.tts];
  const makeVad = vadProviders[speech.vad];
  if (!makeStt) throw new Error(`speech.stt "${speech.stt}" is not available in this build`);
  if (!makeTts) throw new Error(`speech.tts "${speech.tts}" is not available in this build`);
  if (!makeVad) throw new Error(`speech.vad "${speech.vad}" is not available in this build`);
  const context = { ...options, config };
  const stt = await makeStt(speech, context);
  let tts: TTS;
  try {
    tts = await makeTts(speech, context);
  } catch (error) {
    await stt.close();
    throw error;
  }
  return {
    stt,
    tts,
    vadFactory: makeVad(speech, options),
    close: async () => {
      await Promise.all([stt.close(), tts.close()]);
    },
  };
}

/** Per-context end-of-utterance silence from config, for Listener. */
export function endSilenceFromConfig(speech: Speech): Record<'digits' | 'yesNo' | 'free', number> {
  return { ...speech.endSilenceMs };
}

export { Listener, RecognitionError, type AudioSource, type ListenOptions, type ListenResult } from './listener.js';
export { speakDigits } from './tts/text.js';
