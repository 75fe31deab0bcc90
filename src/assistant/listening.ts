// What the flow needs from speech: a per-call turn listener (the speech layer's Listener satisfies
// it) and a synthesizer. Kept structural so the flow can be driven by scripted doubles in tests.
import type { STT, TTS, VAD } from '../speech/types.js';
import type { ListenOptions, ListenResult } from '../speech/listener.js';
import type { Call } from '../telephony/call.js';

export type TurnListenOptions = ListenOptions;
export type TurnResult = ListenResult;

export interface TurnListener {
  listen(options: TurnListenOptions): Promise<TurnResult>;
  watchForBargeIn(options: { minSpeechMs: number }): () => void;
  on(event: 'speech-start', listener: () => void): unknown;
  off(event: 'speech-start', listener: () => void): unknown;
  /** Words recognized so far in the current turn (streamed to the live dashboard). */
  on(event: 'partial', listener: (text: string) => void): unknown;
  close(): void;
}

export type ListenerFactory = (call: Call) => TurnListener;

/** The parts of the speech stack the receptionist uses. */
export interface SpeechPorts {
  stt: STT;
  tts: TTS;
  vadFactory: () => VAD;
}
