// Task "hangup": say a last prompt (unless the caller is gone) and end the call; never throws.
import type { PromptKey } from '../../config/assistant.js';
import type { CallOutcome } from '../../store/store.js';
import type { CallSession, StateName } from '../flow/session.js';
import { say } from './say.js';

export async function sayAndHangUp(session: CallSession, prompt: PromptKey | undefined, outcome: CallOutcome): Promise<StateName> {
  session.setOutcome(outcome);
  if (prompt && !session.call.ended) await say(session, session.prompt(prompt), { interruptible: false });
  await hangUp(session, outcome);
  return 'ended';
}

export async function hangUp(session: CallSession, reason: string): Promise<void> {
  if (session.call.ended) return;
  try {
    await session.call.hangup(reason);
  } catch (error) {
    session.log.warn({ err: error }, 'hang-up failed');
  }
}
