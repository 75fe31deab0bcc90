// State greeting: a known customer hears their name; a caller who needs no screening hears the
// plain greeting. Then the conversation starts. State goodbye: the polite end of a finished call.
import { say } from '../tasks/say.js';
import { sayAndHangUp } from '../tasks/hangup.js';
import type { CallSession, StateName } from './session.js';

export async function greeting(session: CallSession): Promise<StateName> {
  await say(session, session.prompt(session.customer ? 'greetingCustomer' : 'greetingUnknown'));
  return 'chatting';
}

export async function goodbye(session: CallSession): Promise<StateName> {
  return sayAndHangUp(session, 'goodbye', 'completed');
}
