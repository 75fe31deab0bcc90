// Steering the caller towards a department: pick an agent who is free (presence from the telephony,
// else the configured status) and ask the yes/no question; when nobody is configured or everyone is
// busy, say so honestly and offer the waiting list.
import type { Department } from '../../config/assistant.js';
import { say } from '../tasks/say.js';
import { availabilityOf, spokenReason, type AgentAvailability } from '../availability.js';
import type { CallSession, StateName } from './session.js';

export async function offerTransfer(session: CallSession, department: Department, lead?: string, replyTo?: number): Promise<StateName> {
  const agents = session.directory.agentsFor(department);
  session.pendingDepartment = department;
  session.awaitingDepartment = false;
  const opening = lead ? `${lead} ` : '';
  if (agents.length === 0) {
    await say(session, `${opening}${session.prompt('noAgent', { department })}`, { replyTo });
    return 'offer-waiting-list';
  }
  let first: AgentAvailability | undefined;
  for (const agent of agents) {
    const availability = await availabilityOf(agent, session.agentAvailability);
    void session.record.event('presence', { agent: agent.name, department, available: availability.available, status: availability.status, detail: availability.detail });
    first ??= availability;
    if (!availability.available) continue;
    session.pendingAgent = agent;
    const question = session.prompt('confirmTransfer', { agent: agent.name, department });
    await say(session, `${opening}${question}`, { replyTo });
    return 'wait-for-transfer-decision';
  }
  // Nobody free: the first agent listed is the one the caller hears about and the callback is for.
  const agent = agents[0]!;
  session.pendingAgent = agent;
  void session.record.summary({ transferTarget: agent.uri });
  void session.record.event('transfer', { target: agent.uri, agent: agent.name, department, mode: agent.transfer, ok: false, reason: `agent ${first!.status}` });
  session.setOutcome('transfer-failed');
  await say(session, `${opening}${session.prompt('agentUnavailable', { agent: agent.name, reason: spokenReason(first!.status) })}`, { replyTo });
  return 'offer-waiting-list';
}

export function departmentOf(topic: string): Department | undefined {
  return topic === 'ordering' || topic === 'technical support' || topic === 'billing' ? topic : undefined;
}
