// Runs one scripted call through a real Receptionist with an in-memory SQLite store, so flow tests
// read the same record the product writes. Callers are scripted turns (see assistant-doubles.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { Receptionist, type ReceptionistOptions } from '../../src/assistant/receptionist.js';
import { RulesBrain } from '../../src/assistant/brain/rules.js';
import { callFacts, ScriptedCall, ScriptedIncoming, ScriptedListener, speechDouble, type CallerStep } from '../helpers/assistant-doubles.js';
import type { SpeechPorts } from '../../src/assistant/listening.js';
import { rootLogger } from '../../src/log.js';

export const sampleAssistant = {
  businessName: 'Acme',
  customers: [{ name: 'John Smith', phoneNumbers: ['+1 650 555 0101'], zip: '94404', billing: { nextDueDate: '2026-12-15', paidDate: '2026-10-12', amount: 89.99, status: 'paid' } }],
  agents: [
    { name: 'Olivia', department: 'ordering', uri: 'sip:102@127.0.0.1:5102' },
    { name: 'Ben', department: 'billing', uri: 'sip:103@127.0.0.1:5103', transfer: 'refer' },
    { name: 'Tara', department: 'technical support', uri: 'sip:104@127.0.0.1:5104', transfer: 'bridge' },
  ],
  blocked: ['+1 900 555 0199'],
  faq: [{ id: 'hours', answer: 'We are open nine to five.', triggers: ['hours', 'open'] }],
  options: { silenceTimeoutMs: 1000 },
};

export function testConfig(patch: Record<string, unknown> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-flow-'));
  return parseConfig({ assistant: { ...sampleAssistant, ...patch }, operations: { dataDir } }, 'test', {});
}

export interface Harness {
  receptionist: Receptionist;
  store: SqliteStore;
  listeners: Map<string, ScriptedListener>;
  close(): Promise<void>;
}

export async function harness(
  config: Config = testConfig(), scripts = new Map<string, CallerStep[]>(), speech: SpeechPorts = speechDouble(),
  extra: Partial<Pick<ReceptionistOptions, 'agentAvailability' | 'brain'>> = {},
): Promise<Harness> {
  const store = new SqliteStore({ path: ':memory:' });
  await store.open();
  const listeners = new Map<string, ScriptedListener>();
  const receptionist = new Receptionist({
    config, speech, store, brain: extra.brain ?? new RulesBrain(config.assistant), logger: rootLogger.child({ component: 'test' }),
    agentAvailability: extra.agentAvailability,
    listenerFactory: (call) => {
      const listener = new ScriptedListener(call as never, scripts.get(call.facts.id) ?? []);
      listeners.set(call.facts.id, listener);
      return listener;
    },
  });
  return { receptionist, store, listeners, close: () => store.close() };
}

/** One call from `from` through the script; returns the incoming double and the stored record. */
export async function runCall(h: Harness, scripts: Map<string, CallerStep[]>, from: string, steps: CallerStep[], prepare?: (call: ScriptedCall) => void) {
  const incoming = new ScriptedIncoming(callFacts({ from }));
  prepare?.(incoming.call);
  scripts.set(incoming.facts.id, steps);
  await h.receptionist.handle(incoming);
  const record = await h.store.getCall(incoming.facts.id);
  if (!record) throw new Error('no record');
  return { incoming, call: incoming.call, record, listener: h.listeners.get(incoming.facts.id) };
}

export const KNOWN = '<sip:+16505550101@carrier.example>;tag=1';
export const UNKNOWN = '<sip:+14155559876@carrier.example>;tag=1';
export const BLOCKED = '<sip:9005550199@carrier.example>;tag=1';
