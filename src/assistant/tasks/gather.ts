// Task "gather": one caller turn, by speech (through the turn listener) or keypad. The first key
// press cancels the speech turn and collects up to maxDigits keys ('#' ends early). A hang-up or the
// maximum call duration ends the wait at once. A short pause ends a turn the brain finds complete.
import type { RecognitionContext } from '../../speech/types.js';
import type { CompletenessCheck } from '../../speech/turn/end-of-turn.js';
import type { CallSession } from '../flow/session.js';
import { endOfTurnFor } from './end-of-turn.js';

export type Heard =
  | { kind: 'speech'; text: string; confidence: number; speechEndedAt: number; finalAt: number; early?: boolean }
  | { kind: 'dtmf'; digits: string; endedAt: number }
  | { kind: 'silence' }
  | { kind: 'ended' };

export interface GatherOptions {
  context: RecognitionContext;
  timeoutMs: number;
  /** Accept keypad input; without it keys are dropped from the buffer. */
  dtmf?: { maxDigits: number; interDigitTimeoutMs: number };
  /** Whether a hypothesis heard before the full end silence already ends the turn (default: the brain's view). */
  isComplete?: CompletenessCheck;
}

function collectKeys(session: CallSession, maxDigits: number, interDigitTimeoutMs: number): Promise<Heard> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let stopWatching = () => {};
    const finish = (heard: Heard) => {
      clearTimeout(timer);
      stopWatching();
      session.signal.removeEventListener('abort', onAbort);
      resolve(heard);
    };
    const take = (): boolean => {
      const end = session.dtmfBuffer.indexOf('#');
      if (end >= 0 || session.dtmfBuffer.length >= maxDigits) {
        const cut = end >= 0 ? Math.min(end, maxDigits) : maxDigits;
        const digits = session.dtmfBuffer.slice(0, cut);
        session.dtmfBuffer = session.dtmfBuffer.slice(end >= 0 && end <= maxDigits ? end + 1 : cut);
        finish({ kind: 'dtmf', digits, endedAt: performance.now() });
        return true;
      }
      return false;
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const digits = session.dtmfBuffer;
        session.dtmfBuffer = '';
        finish({ kind: 'dtmf', digits, endedAt: performance.now() });
      }, interDigitTimeoutMs);
    };
    const onAbort = () => finish({ kind: 'ended' });
    if (session.stopped) return finish({ kind: 'ended' });
    session.signal.addEventListener('abort', onAbort, { once: true });
    if (take()) return;
    stopWatching = session.watchDtmf(() => {
      if (!take()) arm();
    });
    arm();
  });
}

export async function gather(session: CallSession, options: GatherOptions): Promise<Heard> {
  if (session.stopped) return { kind: 'ended' };
  const keys = options.dtmf;
  if (!keys) session.dtmfBuffer = '';
  else if (session.dtmfBuffer.length > 0) return collectKeys(session, keys.maxDigits, keys.interDigitTimeoutMs);

  session.forgetClassification();
  void session.record.event('listen', { context: options.context.kind, timeoutMs: options.timeoutMs });
  const turn = new AbortController();
  const onStop = () => turn.abort();
  session.signal.addEventListener('abort', onStop, { once: true });
  let keyPressed = false;
  const stopWatching = session.watchDtmf(() => {
    if (!keys) {
      session.dtmfBuffer = '';
      return;
    }
    keyPressed = true;
    turn.abort();
  });
  try {
    const result = await session.listener.listen({
      context: options.context, noInputTimeoutMs: options.timeoutMs, signal: turn.signal, endOfTurn: endOfTurnFor(session, options.isComplete),
    });
    if (keyPressed && keys) return collectKeys(session, keys.maxDigits, keys.interDigitTimeoutMs);
    if (session.stopped) return { kind: 'ended' };
    if (result.kind === 'timeout') return { kind: 'silence' };
    if (result.kind === 'aborted') return { kind: 'ended' };
    const text = result.result.text.trim();
    if (!text) return { kind: 'silence' };
    session.history.push({ role: 'caller', text });
    return { kind: 'speech', text, confidence: result.result.confidence, speechEndedAt: result.speechEndedAt, finalAt: result.finalAt, early: result.early };
  } catch (error) {
    session.log.error({ err: error }, 'listening failed');
    void session.record.event('error', { where: 'gather', message: (error as Error).message });
    return session.stopped ? { kind: 'ended' } : { kind: 'silence' };
  } finally {
    stopWatching();
    session.signal.removeEventListener('abort', onStop);
  }
}
