// End-to-end harness for the assistant: the real app (startApp: SIP stack, PocketSphinx, flite,
// SQLite, live bus) in this process on free ports, callers' audio made at run time, and a way to
// wait for what the assistant recorded. Callers are real peers (baresip, sipp) started by each test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { startApp, type App } from '../../src/app/app.js';
import type { CallEvent } from '../../src/store/store.js';
import type { LiveMessage } from '../../src/store/live.js';
import { freeRtpRange, freeSipPort } from '../helpers/ports.js';
import { startSipp, type SippProcess } from '../helpers/sipp.js';

export const CORPUS = '../shared/eval/speech-dev';

export interface AssistantApp {
  app: App;
  config: Config;
  sipPort: number;
  dataDir: string;
  messages: LiveMessage[];
  /** The first recorded event (already seen or future) matching, for any call or one call. */
  waitForEvent(match: (event: CallEvent, callId: string) => boolean, timeoutMs?: number): Promise<{ event: CallEvent; callId: string }>;
  waitForFinish(callId?: string, timeoutMs?: number): Promise<string>;
  /** The id of the call whose record names this caller (E.164 or raw identity). */
  waitForCall(caller: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** `overrides`: other top-level config sections (e.g. telephony, speech, brain, cloud for the cloud e2e). */
export async function startAssistantApp(assistant: Record<string, unknown>, overrides: Record<string, unknown> = {}): Promise<AssistantApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-assistant-e2e-'));
  const sipPort = await freeSipPort();
  const config = parseConfig(
    {
      sip: { host: '127.0.0.1', port: sipPort },
      media: { rtpPorts: await freeRtpRange(200) },
      speech: { workers: 1 },
      operations: { dataDir, http: { port: 0 } },
      assistant,
      logLevel: 'silent',
      ...overrides,
    },
    'e2e',
    {},
  );
  const app = await startApp(config);
  const messages: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  const unsubscribe = app.live.subscribe((message) => {
    messages.push(message);
    for (const wake of [...waiters]) wake();
  });
  const waitFor = <T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; events: ${messages.filter((m) => m.type === 'call-event').map((m) => (m as { event: CallEvent }).event.type).join(',')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    app, config, sipPort, dataDir, messages,
    waitForEvent: (match, timeoutMs = 30_000) =>
      waitFor(() => {
        for (const m of messages) if (m.type === 'call-event' && match(m.event, m.callId)) return { event: m.event, callId: m.callId };
        return undefined;
      }, 'an event', timeoutMs),
    waitForFinish: (callId, timeoutMs = 30_000) =>
      waitFor(() => {
        const done = messages.find((m) => m.type === 'call-finished' && (!callId || m.callId === callId));
        return done?.type === 'call-finished' ? done.outcome : undefined;
      }, 'the call to finish', timeoutMs),
    waitForCall: (caller, timeoutMs = 30_000) =>
      waitFor(() => {
        const started = messages.find((m) => m.type === 'call-started' && m.call.caller === caller);
        return started?.type === 'call-started' ? started.call.id : undefined;
      }, `a call from ${caller}`, timeoutMs),
    close: async () => {
      unsubscribe();
      await app.abort();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Caller speech made at run time: flite (a voice frontdesk does not use) → 8 kHz s16 WAV with silence after. */
export function callerSpeech(dir: string, name: string, text: string, voice = 'slt', trailingSilenceSec = 40): string {
  const raw = join(dir, `${name}-${voice}-raw.wav`);
  const out = join(dir, `${name}-${voice}.wav`);
  execFileSync('flite', ['-voice', voice, '-t', text, '-o', raw]);
  execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', out, 'pad', '0.3', String(trailingSilenceSec)]);
  return out;
}

/** A corpus recording (G.711 WAV) as the 8 kHz s16 WAV baresip's aufile plays, padded with silence. */
export function corpusSpeech(dir: string, file: string, trailingSilenceSec = 40): string {
  const out = join(dir, file.replace(/\.wav$/, '-s16.wav'));
  execFileSync('sox', [join(CORPUS, file), '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', out, 'pad', '0', String(trailingSilenceSec)]);
  return out;
}

export function silence(dir: string, seconds = 120): string {
  const out = join(dir, 'silence.wav');
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', out, 'trim', '0', String(seconds)]);
  return out;
}

/** Shorter prompts (they are configuration) keep each end-to-end call within a minute. */
export const SHORT_PROMPTS = {
  screeningChallenge: 'Please say or key the number {code}.',
  screeningPassed: 'Thanks. How can I help?',
  transferring: 'Transferring you to {agent}.',
  offerWaitingList: 'Say waiting list or press 1, or say voice message or press 2.',
  voiceMessageStart: 'Leave your message after the tone.',
};
export const KNOWN_CUSTOMER = { name: 'John Smith', phoneNumbers: ['+1 650 555 0101'], zip: '94404' };
/** A sipp UAS that answers 486 Busy Here. */
export const BUSY_AGENT_SCENARIO = new URL('../sip/scenarios/uas-busy.xml', import.meta.url).pathname;

/**
 * A sipp UAS standing in for Ben, the billing agent (`scenario`: 'uas' answers, BUSY_AGENT_SCENARIO is
 * busy), and frontdesk configured with him and the known customer, short prompts.
 */
export async function startWithBillingAgent(options: { scenario: string; transfer: 'refer' | 'bridge'; timeoutSec: number; sippArgs?: string[] }):
  Promise<{ app: AssistantApp; agent: SippProcess }> {
  const agent = await startSipp({ scenario: options.scenario, calls: 1, timeoutSec: options.timeoutSec, ...(options.sippArgs ? { args: options.sippArgs } : {}) });
  const app = await startAssistantApp({
    businessName: 'Acme',
    customers: [KNOWN_CUSTOMER],
    agents: [{ name: 'Ben', department: 'billing', uri: `sip:103@127.0.0.1:${agent.port}`, transfer: options.transfer }],
    prompts: SHORT_PROMPTS,
  });
  return { app, agent };
}
