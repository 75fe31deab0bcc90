// Starts the operations side as the app does (SQLite store in a temp dir, live bus, web server on a
// free port) and drives call records through it the way the receptionist will, so dashboard tests can
// show live calls before the SIP side is wired (the lead adds a sipp-driven variant on the same helper).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { logger } from '../../src/log.js';
import { LiveBus, withLive } from '../../src/store/live.js';
import { openStore } from '../../src/store/index.js';
import type { CallOutcome, CallStore } from '../../src/store/store.js';
import type { Call } from '../../src/telephony/call.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import type { StatusSnapshot } from '../../src/web/status.js';

export interface TestOps {
  dir: string;
  config: Config;
  store: CallStore;
  live: LiveBus;
  web: WebServer;
  close(): Promise<void>;
}

export async function startTestOps(options: {
  adminToken?: string;
  browserCalls?: (call: Call) => void | Promise<void>;
  status?: () => StatusSnapshot;
  config?: Record<string, unknown>;
} = {}): Promise<TestOps> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-web-'));
  const config = parseConfig({ ...options.config, operations: { dataDir: dir, http: { host: '127.0.0.1', port: 0 } } }, '(test)', {});
  const live = new LiveBus();
  const store = withLive(await openStore(config), live);
  const status = options.status ?? ((): StatusSnapshot => ({
    sip: { registrations: [{ account: 'pbx', registrar: 'sip:127.0.0.1:5070', state: 'registered' }], activeCalls: live.activeCalls().length },
    providers: { stt: 'pocketsphinx', tts: 'flite', vad: 'energy', brain: 'rules' },
  }));
  const web = await startWebServer({ config, store, live, status, browserCalls: options.browserCalls, logger: logger('web-test'), adminToken: options.adminToken ?? '', env: {} });
  return {
    dir, config, store, live, web,
    async close() {
      await web.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ScriptedTurn {
  heard: string;
  intent?: string;
  reply?: string;
}

/** A caller turn and the assistant's reply, as the receptionist records them (turn, then the prompt played). */
export async function recordTurn(store: CallStore, callId: string, turn: ScriptedTurn): Promise<void> {
  await store.appendEvent(callId, { type: 'turn', data: { heard: turn.heard, confidence: 0.8, classification: turn.intent && { topic: turn.intent, intent: 'request' }, reply: turn.reply } });
  if (turn.reply) await store.appendEvent(callId, { type: 'prompt', data: { text: turn.reply, interruptible: true } });
}

/** Plays a call into the store as the receptionist would record it; returns the call id. */
export async function recordCall(
  store: CallStore,
  call: { id: string; caller: string; startedAt?: Date; identity?: string; customerName?: string; turns?: ScriptedTurn[]; outcome?: CallOutcome; finish?: boolean },
): Promise<string> {
  const startedAt = call.startedAt ?? new Date();
  await store.createCall({ id: call.id, startedAt, direction: 'inbound', caller: call.caller, callee: '+15550100000', sipCallId: `${call.id}@sipp` });
  if (call.identity) {
    await store.appendEvent(call.id, { type: 'identity', data: { source: 'from', identity: call.identity } });
    await store.updateSummary(call.id, { identity: call.identity, customerName: call.customerName });
  }
  await store.appendEvent(call.id, { type: 'state', data: { from: 'start', to: 'greeting' } });
  await store.appendEvent(call.id, { type: 'prompt', data: { text: 'Thank you for calling. How can I help?', interruptible: true } });
  for (const turn of call.turns ?? []) await recordTurn(store, call.id, turn);
  if (call.finish !== false) await store.finishCall(call.id, call.outcome ?? 'completed', new Date(startedAt.getTime() + 42_000));
  return call.id;
}
