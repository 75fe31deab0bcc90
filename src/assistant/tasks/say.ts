// Task "say": synthesize a text and play it into the call. Interruptible prompts stop on barge-in
// (caller speech) or a key press; the passcode challenge is not interruptible. Every prompt is recorded.
// Playback starts at the first sound: the synthesizer's leading pause would only add to turn latency.
import type { PcmChunk, PcmSource } from '../../media/pcm.js';
import type { PlayOutcome } from '../../telephony/call.js';
import { turnLatency } from '../../metrics.js';
import { trimLeadingSilence } from '../../speech/tts/trim.js';
import type { CallSession } from '../flow/session.js';

export interface SayOptions {
  interruptible?: boolean;
  /** performance.now() when the caller stopped speaking, to measure the turn latency. */
  replyTo?: number;
  /** Extra audio after the speech (e.g. the beep before a voice message). */
  append?: PcmChunk;
}

/** The reply starts with its first sound (the synthesizer's leading pause is cut); `onFirst` marks it. */
async function* fromFirstSound(source: PcmSource, onFirst: () => void, append?: PcmChunk): PcmSource {
  let first = true;
  for await (const chunk of source) {
    if (first) {
      first = false;
      onFirst();
      yield trimLeadingSilence(chunk);
    } else yield chunk;
  }
  if (append) yield append;
}

export async function say(session: CallSession, text: string, options: SayOptions = {}): Promise<PlayOutcome> {
  if (session.call.ended) return 'hangup';
  session.history.push({ role: 'assistant', text });
  void session.record.event('prompt', { text, interruptible: options.interruptible ?? true });
  return speak(session, (signal) => session.speech.tts.synthesize(text, { signal }), options);
}

/** Plays synthesized audio with barge-in, DTMF and hang-up handling; `audio` stops when its signal aborts. */
export async function speak(session: CallSession, audio: (signal: AbortSignal) => PcmSource, options: SayOptions = {}): Promise<PlayOutcome> {
  const { call, listener } = session;
  if (call.ended) return 'hangup';
  const interruptible = options.interruptible ?? true;

  const synthesis = new AbortController();
  const cleanups: (() => void)[] = [];
  let interruptedBy: 'speech' | 'dtmf' | undefined;
  if (interruptible) {
    if (session.config.options.bargeIn) {
      const onSpeech = () => {
        interruptedBy ??= 'speech';
        call.stopPlayback();
      };
      listener.on('speech-start', onSpeech);
      const stopWatching = listener.watchForBargeIn({ minSpeechMs: session.bargeInMinSpeechMs });
      cleanups.push(() => {
        stopWatching();
        listener.off('speech-start', onSpeech);
      });
    }
    cleanups.push(
      session.watchDtmf(() => {
        interruptedBy ??= 'dtmf';
        call.stopPlayback();
      }),
    );
  }
  const onAbort = () => call.stopPlayback();
  session.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const outcome = await call.play(
      fromFirstSound(
        audio(synthesis.signal),
        () => {
          if (options.replyTo !== undefined) turnLatency.observe((performance.now() - options.replyTo) / 1000);
        },
        options.append,
      ),
      { interruptible },
    );
    if (outcome === 'stopped' && interruptedBy) void session.record.event('barge-in', { by: interruptedBy });
    return outcome;
  } catch (error) {
    session.log.error({ err: error }, 'prompt playback failed');
    void session.record.event('error', { where: 'say', message: (error as Error).message });
    return call.ended ? 'hangup' : 'stopped';
  } finally {
    synthesis.abort();
    session.signal.removeEventListener('abort', onAbort);
    for (const cleanup of cleanups) cleanup();
  }
}
