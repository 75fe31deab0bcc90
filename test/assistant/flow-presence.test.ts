// Agent presence before a transfer (scripted availability, no SIP): a busy agent is never offered,
// the caller hears why and joins the waiting list; the next free agent of the department is offered;
// a presence lookup that fails or hangs does not block the transfer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentConfig } from '../../src/config/assistant.js';
import type { AgentAvailability } from '../../src/assistant/availability.js';
import { harness, runCall, testConfig, UNKNOWN, KNOWN } from './flow-harness.js';
import type { CallerStep } from '../helpers/assistant-doubles.js';
import { ScriptedListener } from '../helpers/assistant-doubles.js';

const repeatCode: CallerStep = (call) => ({ say: `it's ${ScriptedListener.codeIn(call).split('').join(' ')}` });
const events = (record: { events: { type: string; data: Record<string, unknown> }[] }, type: string) => record.events.filter((e) => e.type === type).map((e) => e.data);

function scripted(statuses: Record<string, AgentAvailability | Error>) {
  const asked: string[] = [];
  const lookup = async (agent: AgentConfig): Promise<AgentAvailability> => {
    asked.push(agent.name);
    const status = statuses[agent.name] ?? { available: true, status: 'available' };
    if (status instanceof Error) throw status;
    return status;
  };
  return { lookup, asked };
}

test('presence busy: no transfer offered or attempted, the caller is told and joins the waiting list', async () => {
  const scripts = new Map();
  const presence = scripted({ Ben: { available: false, status: 'busy', detail: 'telephonyStatus=CallConnected' } });
  const h = await harness(testConfig(), scripts, undefined, { agentAvailability: presence.lookup });
  const { call, record } = await runCall(h, scripts, UNKNOWN, [repeatCode, { say: 'I have a question about my bill' }, { say: 'put me on the waiting list' }]);
  assert.deepEqual(call.transfers, []);
  assert.ok(call.prompts.some((p) => /Ben is busy right now/.test(p)), call.prompts.join(' | '));
  assert.ok(call.prompts.every((p) => !/transfer you to Ben|connect you to Ben/i.test(p)));
  assert.deepEqual(presence.asked, ['Ben']);
  assert.deepEqual(events(record, 'presence')[0], { agent: 'Ben', department: 'billing', available: false, status: 'busy', detail: 'telephonyStatus=CallConnected' });
  const [entry] = await h.store.listCallbacks();
  assert.equal(entry?.number, '+14155559876');
  assert.equal(entry?.topic, 'billing');
  assert.equal(entry?.agent, 'Ben');
  assert.equal(record.summary.outcome, 'waiting-list');
  await h.close();
});

test('presence DND on the first agent: the next free agent of the department is offered and gets the call', async () => {
  const scripts = new Map();
  const agents = [
    { name: 'Ben', department: 'billing', uri: 'sip:103@127.0.0.1:5103' },
    { name: 'Bea', department: 'billing', uri: 'sip:105@127.0.0.1:5105' },
  ];
  const presence = scripted({ Ben: { available: false, status: 'dnd' } });
  const h = await harness(testConfig({ agents }), scripts, undefined, { agentAvailability: presence.lookup });
  const { call, record } = await runCall(h, scripts, KNOWN, [{ say: 'can I talk to someone in billing' }, { say: 'yes' }]);
  assert.deepEqual(call.transfers, [{ target: 'sip:105@127.0.0.1:5105', mode: 'refer' }]);
  assert.ok(call.prompts.some((p) => /Bea/.test(p)));
  assert.deepEqual(presence.asked, ['Ben', 'Bea', 'Bea']);
  assert.equal(record.summary.outcome, 'transferred');
  await h.close();
});

test('agent becomes busy between the offer and the yes: told honestly, voice message offered', async () => {
  const scripts = new Map();
  let calls = 0;
  const lookup = async (): Promise<AgentAvailability> => (++calls === 1 ? { available: true, status: 'available' } : { available: false, status: 'busy' });
  const h = await harness(testConfig(), scripts, undefined, { agentAvailability: lookup });
  const { call, record } = await runCall(h, scripts, KNOWN, [{ say: 'I need to speak to billing' }, { say: 'yes' }, { say: 'no thanks' }, { say: 'bye' }]);
  assert.deepEqual(call.transfers, []);
  assert.ok(call.prompts.some((p) => /Ben is busy right now/.test(p)));
  assert.ok(call.prompts.some((p) => /voice message/.test(p)));
  assert.ok(events(record, 'transfer').some((t) => t.ok === false && t.reason === 'agent busy'));
  await h.close();
});

test('presence lookup failing: unknown is not busy, the transfer is attempted; configured busy wins without a lookup', async () => {
  const scripts = new Map();
  const presence = scripted({ Ben: new Error('presence 503') });
  const h = await harness(testConfig(), scripts, undefined, { agentAvailability: presence.lookup });
  const first = await runCall(h, scripts, KNOWN, [{ say: 'transfer me to billing please' }, { say: 'yes' }]);
  assert.deepEqual(first.call.transfers, [{ target: 'sip:103@127.0.0.1:5103', mode: 'refer' }]);
  assert.equal(events(first.record, 'presence')[0]?.status, 'unknown');
  await h.close();

  const offline = scripted({});
  const h2 = await harness(testConfig({ agents: [{ name: 'Ben', department: 'billing', uri: 'sip:103@127.0.0.1', status: 'offline' }] }), scripts, undefined, { agentAvailability: offline.lookup });
  const second = await runCall(h2, scripts, KNOWN, [{ say: 'transfer me to billing please' }, { hangup: true }]);
  assert.deepEqual(second.call.transfers, []);
  assert.deepEqual(offline.asked, []);
  assert.ok(second.call.prompts.some((p) => /Ben is not available right now/.test(p)));
  await h2.close();
});
