// The call flow as an explicit state machine: each state is a small async step returning the next
// state's name. Transitions are recorded; a state that throws ends the call politely (outcome error).
import { screening } from './screening.js';
import { greeting, goodbye } from './greeting.js';
import { chatting } from './chatting.js';
import { transferring, waitForTransferDecision } from './transfer-decision.js';
import { offerWaitingList, voiceMessage } from './waiting-list.js';
import { billing, verifyZip } from './billing.js';
import { sayAndHangUp } from '../tasks/hangup.js';
import type { CallSession, StateName } from './session.js';

type Step = (session: CallSession) => Promise<StateName>;

export const states: Record<Exclude<StateName, 'ended'>, Step> = {
  robocall_defend: screening,
  greeting,
  chatting,
  'wait-for-transfer-decision': waitForTransferDecision,
  transferring,
  'offer-waiting-list': offerWaitingList,
  'voice-message': voiceMessage,
  'verify-zip': verifyZip,
  billing,
  goodbye,
};

/** A runaway loop guard: no real call has this many transitions. */
const MAX_TRANSITIONS = 500;

export async function runFlow(session: CallSession, first: StateName): Promise<void> {
  session.state = first;
  for (let n = 0; session.state !== 'ended' && n < MAX_TRANSITIONS; n++) {
    if (session.stopped) break;
    const from = session.state;
    let next: StateName;
    try {
      next = await states[from](session);
    } catch (error) {
      session.log.error({ err: error, state: from }, 'call flow step failed');
      void session.record.event('error', { where: from, message: (error as Error).message });
      next = await sayAndHangUp(session, 'technicalProblem', 'error');
    }
    void session.record.event('state', { from, to: next });
    session.state = next;
  }
  // The caller is still there when the time limit cut a wait short: say why before hanging up.
  if (session.maxDurationReached && !session.call.ended) session.state = await sayAndHangUp(session, 'maxDuration', 'timeout');
}
