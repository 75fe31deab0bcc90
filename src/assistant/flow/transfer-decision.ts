// States wait-for-transfer-decision (yes → transfer, no → keep chatting, unclear → ask once more)
// and transferring (REFER or bridge per agent; on failure tell the caller why and offer the waiting list).
import { say } from '../tasks/say.js';
import { gather } from '../tasks/gather.js';
import { failureOf, transferTo } from '../tasks/transfer.js';
import type { YesNo } from '../brain/brain.js';
import { availabilityOf, spokenReason } from '../availability.js';
import type { CallSession, StateName } from './session.js';

const KEY_ANSWERS: Record<string, YesNo> = { '1': 1, '2': 0 };

export async function waitForTransferDecision(session: CallSession): Promise<StateName> {
  const agent = session.pendingAgent;
  if (!agent) return 'chatting';
  for (let asked = 1; asked <= 2; asked++) {
    const heard = await gather(session, {
      context: { kind: 'yesNo' },
      timeoutMs: session.config.options.silenceTimeoutMs,
      dtmf: { maxDigits: 1, interDigitTimeoutMs: 1000 },
    });
    if (heard.kind === 'ended') return 'ended';
    let answer: YesNo = -1;
    if (heard.kind === 'speech') answer = await session.brain.yesNo(heard.text).catch((): YesNo => -1);
    else if (heard.kind === 'dtmf') answer = KEY_ANSWERS[heard.digits] ?? -1;
    const replyTo = heard.kind === 'speech' ? heard.speechEndedAt : undefined;
    void session.record.event('turn', {
      heard: heard.kind === 'speech' ? heard.text : heard.kind === 'dtmf' ? `key ${heard.digits}` : '',
      confidence: heard.kind === 'speech' ? heard.confidence : undefined,
      yesNo: answer,
      question: 'transfer',
      agent: agent.name,
    });
    if (answer === 1) {
      await say(session, session.prompt('transferring', { agent: agent.name }), { interruptible: false, replyTo });
      return 'transferring';
    }
    if (answer === 0) {
      session.pendingAgent = undefined;
      await say(session, session.prompt('transferDeclined'), { replyTo });
      return 'chatting';
    }
    if (asked === 1) await say(session, session.prompt('confirmTransferAgain', { agent: agent.name }), { replyTo });
  }
  session.pendingAgent = undefined;
  await say(session, session.prompt('transferDeclined'));
  return 'chatting';
}

export async function transferring(session: CallSession): Promise<StateName> {
  const agent = session.pendingAgent;
  if (!agent) return 'chatting';
  const department = agent.department;
  void session.record.summary({ transferTarget: agent.uri });
  // Asked again: the agent may have picked up another call while the caller was answering.
  const availability = await availabilityOf(agent, session.agentAvailability);
  if (!availability.available) {
    void session.record.event('transfer', { target: agent.uri, agent: agent.name, department, mode: agent.transfer, ok: false, reason: `agent ${availability.status}` });
    session.setOutcome('transfer-failed');
    await say(session, session.prompt('agentUnavailable', { agent: agent.name, reason: spokenReason(availability.status) }));
    return 'offer-waiting-list';
  }
  const started = performance.now();
  void session.record.event('transfer', { stage: 'start', target: agent.uri, agent: agent.name, department, mode: agent.transfer });
  const result = await transferTo(session, agent);
  void session.record.event('transfer', {
    stage: 'result',
    target: agent.uri,
    ok: result.ok,
    status: result.status,
    reason: result.reason,
    ms: Math.round(performance.now() - started),
  });
  if (result.ok) {
    session.setOutcome('transferred');
    return 'ended';
  }
  session.setOutcome('transfer-failed');
  if (session.call.ended) return 'ended';
  await say(session, session.prompt('agentUnavailable', { agent: agent.name, reason: failureOf(result) }), { interruptible: false });
  return 'offer-waiting-list';
}
