// When a caller's short pause already ends their turn: the brain judges the recognizer's hypothesis
// (a code with all its digits, a yes/no answer, a request it can classify or a farewell); anything
// else waits for the full end silence. The speech layer only sees the strategy, never the brain.
import { AdaptiveEndOfTurn, type CompletenessCheck, type EndOfTurnStrategy } from '../../speech/turn/end-of-turn.js';
import { normalizeUtterance } from '../brain/normalize.js';
import type { CallSession } from '../flow/session.js';

const FAREWELL = / (bye|goodbye|good bye|that is all|that is it|nothing else|i am done|i am all set|have a good day) /;

/** `normalized`: normalizeUtterance() output. */
export function isFarewell(normalized: string): boolean {
  return FAREWELL.test(normalized);
}

/** The default judgement for each turn kind; a state with its own answers (e.g. a menu) passes its own. */
export function brainCompleteness(session: CallSession): CompletenessCheck {
  return async ({ text }, context) => {
    if (context.kind === 'digits') {
      const { number } = await session.brain.verifyCode(text, context.expected ?? '');
      return number.length >= context.length;
    }
    if (context.kind === 'yesNo') return (await session.brain.yesNo(text)) !== -1;
    if (isFarewell(normalizeUtterance(text))) return true;
    // A topic or an answer means the brain can act on it; "I want to talk to…" alone may go on.
    const classification = await session.classify(text.trim());
    return classification.topic !== 'other' || classification.answer !== undefined;
  };
}

export function endOfTurnFor(session: CallSession, isComplete: CompletenessCheck = brainCompleteness(session)): EndOfTurnStrategy {
  return new AdaptiveEndOfTurn(isComplete, session.earlyEndMs);
}
