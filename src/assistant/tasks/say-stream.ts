// Task "say a stream": speak text that is still being written (an LLM's free answer) sentence by
// sentence into one playback, so the caller hears the first sentence while the rest is generated.
import type { PcmSource } from '../../media/pcm.js';
import type { PlayOutcome } from '../../telephony/call.js';
import type { CallSession } from '../flow/session.js';
import { speak, type SayOptions } from './say.js';

export interface SayStreamOptions extends SayOptions {
  /** Said instead when the stream fails before its first sentence, so the caller never hears dead air. */
  fallback: string;
  /** Said after the answer (e.g. "Anything else?") unless the answer already ends with a question. */
  closing?: string;
}

export interface StreamedSaying {
  outcome: PlayOutcome;
  /** What the caller heard (or was about to hear when interrupted). */
  text: string;
  /** Why the stream broke off, when it did. */
  failure?: string;
}

export async function sayStream(session: CallSession, sentences: AsyncIterable<string>, options: SayStreamOptions): Promise<StreamedSaying> {
  const spoken: string[] = [];
  let failure: string | undefined;
  const tts = session.speech.tts;
  async function* audio(signal: AbortSignal): PcmSource {
    try {
      for await (const sentence of sentences) {
        if (signal.aborted) return;
        spoken.push(sentence);
        yield* tts.synthesize(sentence, { signal });
      }
    } catch (error) {
      failure = (error as Error).message || 'stream failed';
      if (spoken.length > 0 || signal.aborted) return;
      spoken.push(options.fallback);
      yield* tts.synthesize(options.fallback, { signal });
    }
    if (spoken.length === 0) spoken.push(options.fallback);
    else if (!options.closing || /\?$/.test(spoken.at(-1)!) || signal.aborted) return;
    else spoken.push(options.closing);
    yield* tts.synthesize(spoken.at(-1)!, { signal });
  }
  const outcome = await speak(session, audio, options);
  const text = spoken.join(' ');
  session.history.push({ role: 'assistant', text });
  void session.record.event('prompt', { text, interruptible: options.interruptible ?? true, streamed: true, ...(failure ? { failure } : {}) });
  if (failure) session.log.warn({ sentences: spoken.length }, 'streamed answer broke off');
  return { outcome, text, ...(failure ? { failure } : {}) };
}
