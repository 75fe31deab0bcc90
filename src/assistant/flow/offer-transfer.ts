// Steering the caller towards a department: pick its agent and ask the yes/no question, or — when
// the department has nobody configured — say so and offer the waiting list.
import type { Department } from '../../config/assistant.js';
import { say } from '../tasks/say.js';
import type { CallSession, StateName } from './session.js';

export async function offerTransfer(session: CallSession, department: Department, lead?: string, replyTo?: number): Promise<StateName> {
  const agent = session.directory.agentFor(department);
  session.pendingDepartment = department;
  session.awaitingDepartment = false;
  if (!agent) {
    await say(session, `${lead ? `${lead} ` : ''}${session.prompt('noAgent', { department })}`, { replyTo });
    return 'offer-waiting-list';
  }
  session.pendingAgent = agent;
  const question = session.prompt('confirmTransfer', { agent: agent.name, department });
  await say(session, lead ? `${lead} ${question}` : question, { replyTo });
  return 'wait-for-transfer-decision';
}

export function departmentOf(topic: string): Department | undefined {
  return topic === 'ordering' || topic === 'technical support' || topic === 'billing' ? topic : undefined;
}
