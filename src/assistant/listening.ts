// What the flow needs from speech: a per-call turn listener (the speech layer's Listener satisfies
// it) and a synthesizer. Kept structural so the flow can be driven by scripted doubles in tests.
import type { RecognitionContext, RecognitionResult, STT, TTS, VAD } from '../speech/types.js';
import type { Call } from '../telephony/call.js';

export interface TurnListenOptions {
  context: RecognitionContext;
  noInputTimeoutMs: number;
  endSilenceMs?: number;
  maxSpeechMs?: number;
  signal?: AbortSignal;
}
export type TurnResult =
  | { kind: 'speech'; result: RecognitionResult; speechStartedAt: number; speechEndedAt: number; finalAt: number }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

export interface TurnListener {
  listen(options: TurnListenOptions): Promise<TurnResult>;
  watchForBargeIn(options: { minSpeechMs: number }): () => void;
  on(event: 'speech-start', listener: () => void): unknown;
  off(event: 'speech-start', listener: () => void): unknown;
  close(): void;
}

export type ListenerFactory = (call: Call) => TurnListener;

/** The parts of the speech stack the receptionist uses. */
export interface SpeechPorts {
  stt: STT;
  tts: TTS;
  vadFactory: () => VAD;
}
