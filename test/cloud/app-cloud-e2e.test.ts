// The seed's path on its own cloud stack, all fakes on loopback: the app registers at a real kamailio
// with credentials from the RingCentral fake, a baresip caller dials through kamailio, screening and
// conversation run on the Watson fake (STT) and the OpenAI fake (brain and voice), and the agent
// transfer goes out by RingCentral REST — observed by the fake. Then a slow LLM: the rules brain answers
// the turn and the fallback shows in the metrics. Last, RingCentral presence says the agent is on a
// call: no transfer is tried and the caller joins the waiting list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startKamailio, type Kamailio } from '../helpers/kamailio.js';
import { startRingCentralFake, type RingCentralFake } from '../fakes/ringcentral.js';
import { startWatsonFake, type WatsonFake } from '../fakes/watson.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai.js';
import { callerSpeech, corpusSpeech, startAssistantApp, type AssistantApp } from '../assistant/e2e-harness.js';
import { dialFrontdesk, type Caller } from '../assistant/e2e-caller.js';
import { providerErrors } from '../../src/metrics.js';
import type { RecognitionContext } from '../../src/speech/types.js';

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const ENV = ['RINGCENTRAL_SERVER_URL', 'RINGCENTRAL_CLIENT_ID', 'RINGCENTRAL_CLIENT_SECRET', 'RINGCENTRAL_JWT', 'WATSON_SPEECH2TEXT_API_KEY', 'STT_INSTANCE_ID', 'WATSON_STT_URL', 'GPT_SERVER_URL', 'GPT_API_KEY'];
let kam: Kamailio;
let rc: RingCentralFake;
let watson: WatsonFake;
let openai: OpenAIFake;
let app: AssistantApp | undefined;
const callers: Caller[] = [];

before(async () => {
  kam = await startKamailio({ users: { frontdesk: 'rc-pass' } });
  rc = await startRingCentralFake({
    clientId: 'cid', clientSecret: 'cs', jwt: 'jwt',
    sip: { domain: '127.0.0.1', proxy: `127.0.0.1:${kam.port}`, userName: 'frontdesk', password: 'rc-pass', authorizationId: '802500100' },
    extensions: [{ extensionNumber: '101', name: 'Ben' }],
  });
  watson = await startWatsonFake();
  openai = await startOpenAIFake({ apiKey: 'sk-e2e' });
  Object.assign(process.env, {
    RINGCENTRAL_SERVER_URL: rc.url, RINGCENTRAL_CLIENT_ID: 'cid', RINGCENTRAL_CLIENT_SECRET: 'cs', RINGCENTRAL_JWT: 'jwt',
    WATSON_SPEECH2TEXT_API_KEY: 'watson-test-key', STT_INSTANCE_ID: 'fake', WATSON_STT_URL: watson.url,
    GPT_SERVER_URL: openai.url, GPT_API_KEY: 'sk-e2e',
  });
  app = await startAssistantApp(
    {
      businessName: 'Acme', agents: [{ name: 'Ben', department: 'billing', uri: '101', transfer: 'refer' }],
      customers: [{ name: 'Ada Lovelace', phoneNumbers: ['+1 415 555 0123'], zip: '94404' }],
    },
    {
      telephony: 'ringcentral',
      ...(process.env.E2E_LOG ? { logLevel: 'info' } : {}),
      brain: 'openai',
      speech: { stt: 'watson', tts: 'openai', workers: 1 },
      cloud: { ringcentral: { transport: 'tcp' }, watson: { iamUrl: watson.iamUrl }, openai: { timeoutMs: 3000 } },
    },
  );
});
after(async () => {
  for (const caller of callers) await caller.stop().catch(() => {});
  await app?.close();
  await Promise.all([rc?.close(), watson?.close(), openai?.close()]);
  await kam?.stop();
  for (const name of ENV) delete process.env[name];
});

/** Answers each turn the assistant listens for; tells the Watson fake what kind of turn it is. */
function respond(caller: Caller, callId: string, answers: Record<string, () => string>): () => void {
  const seen = new Set<number>();
  return app!.app.live.subscribe((message) => {
    if (message.type !== 'call-event' || message.callId !== callId || message.event.type !== 'listen') return;
    if (seen.has(message.event.seq)) return;
    seen.add(message.event.seq);
    const kind = String(message.event.data.context);
    watson.setContext((kind === 'digits' ? { kind, length: 4 } : { kind }) as RecognitionContext);
    const wav = answers[kind]?.();
    if (wav) void caller.say(wav);
  });
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('RingCentral + Watson + OpenAI: screened, understood, transferred by REST', { timeout: 90_000 }, async () => {
  await waitUntil(() => kam.contacts('frontdesk').length > 0, 15_000, 'the soft-phone registration');
  const caller = await dialFrontdesk(kam.port, '+14155550142', 'cloud');
  callers.push(caller);
  const callId = await app!.waitForCall('+14155550142');
  rc.state.addCall((await app!.app.store.getCall(callId))?.summary.sipCallId as string ?? 'unknown');
  const { event } = await app!.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'challenge');
  const spoken = String(event.data.code).split('').map((d) => DIGIT_WORDS[Number(d)]).join(' ');
  const codes = ['slt', 'awb', 'rms'].map((voice) => callerSpeech(caller.dir, 'code', spoken, voice));
  const question = callerSpeech(caller.dir, 'question', 'I have a question about my bill');
  const yes = corpusSpeech(caller.dir, 'yesno-080.wav');
  const stop = respond(caller, callId, { digits: () => codes.shift() ?? '', free: () => question, yesNo: () => yes });
  try {
    const outcome = await app!.waitForFinish(callId, 75_000);
    const record = await app!.app.store.getCall(callId);
    const heard = record?.events.filter((e) => ['screening', 'turn', 'transfer'].includes(e.type)).map((e) => JSON.stringify(e.data));
    assert.equal(outcome, 'transferred', `code "${spoken}"; ${heard?.join('\n')}`);
  } catch (error) {
    // What the fakes saw, to tell a stuck prompt from a stuck recognizer.
    const seen = `openai: ${openai.requests.map((r) => r.path).join(' ')}; watson sessions: ${watson.sessions.length}`;
    throw new Error(`${(error as Error).message}\n${seen}`);
  } finally {
    stop();
  }
  assert.deepEqual(rc.state.transfers.at(-1)?.body, { extensionNumber: '101' });
  assert.ok(watson.sessions.length >= 3, 'every caller turn went through the Watson fake');
  assert.ok(openai.requests.some((r) => r.path === '/v1/audio/speech'), 'prompts spoken by the OpenAI voice');
  assert.ok(openai.requests.some((r) => r.body.response_format?.json_schema?.name === 'code_verification'));
});

async function fallbacks(): Promise<number> {
  const metric = await providerErrors.get();
  return metric.values.find((v) => v.labels.provider === 'openai' && v.labels.kind === 'fallback')?.value ?? 0;
}

test('faults mid-call: Watson drop → turn re-asked; slow LLM → rules brain; token expiry → REST re-auth', { timeout: 90_000 }, async () => {
  const fallbacksBefore = await fallbacks();
  const grantsBefore = rc.state.grants.jwt + rc.state.grants.refresh;
  watson.inject({ kind: 'drop', afterFrames: 5 });
  openai.inject({ kind: 'slow', ms: 5000, when: 'caller_intent' });
  const caller = await dialFrontdesk(kam.port, '+14155550199', 'faults');
  callers.push(caller);
  const callId = await app!.waitForCall('+14155550199');
  rc.state.addCall((await app!.app.store.getCall(callId))?.summary.sipCallId as string ?? 'unknown');
  rc.state.inject({ kind: 'expire-tokens' });
  const { event } = await app!.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'challenge');
  const spoken = String(event.data.code).split('').map((d) => DIGIT_WORDS[Number(d)]).join(' ');
  const codes = ['slt', 'slt', 'awb'].map((voice, i) => callerSpeech(caller.dir, `code${i}`, spoken, voice));
  const question = callerSpeech(caller.dir, 'question', 'I have a question about my bill');
  const yes = corpusSpeech(caller.dir, 'yesno-080.wav');
  const stop = respond(caller, callId, { digits: () => codes.shift() ?? '', free: () => question, yesNo: () => yes });
  let record;
  try {
    const outcome = await app!.waitForFinish(callId, 80_000);
    record = await app!.app.store.getCall(callId);
    const heard = record?.events.filter((e) => ['screening', 'turn', 'transfer', 'error'].includes(e.type)).map((e) => `${e.type} ${JSON.stringify(e.data)}`);
    assert.equal(outcome, 'transferred', heard?.join('\n'));
  } finally {
    stop();
  }
  const dropped = record!.events.find((e) => e.type === 'error' && e.data.where === 'gather');
  assert.match(String(dropped?.data.message), /closed before the final result/);
  const turn = record!.events.find((e) => e.type === 'turn' && e.data.classification);
  assert.equal((turn?.data.classification as { fallback?: { brain: string } }).fallback?.brain, 'rules', 'the record shows who answered');
  assert.equal(await fallbacks(), fallbacksBefore + 1);
  assert.equal(rc.state.grants.jwt + rc.state.grants.refresh, grantsBefore + 1, 'one re-auth after the 401');
  assert.deepEqual(rc.state.transfers.at(-1)?.body, { extensionNumber: '101' });
});

test('RingCentral presence: the agent is on a call → no transfer, the caller is told and joins the waiting list', { timeout: 90_000 }, async () => {
  const ben = rc.state.extensions.find((e) => e.extensionNumber === '101')!;
  ben.telephonyStatus = 'CallConnected';
  const transfersBefore = rc.state.transfers.length;
  const caller = await dialFrontdesk(kam.port, '+14155550123', 'presence');
  callers.push(caller);
  const callId = await app!.waitForCall('+14155550123');
  const request = callerSpeech(caller.dir, 'request', 'I want to talk to an agent in billing');
  const waitingList = callerSpeech(caller.dir, 'list', 'put me on the waiting list');
  const free = [request, waitingList];
  let offers = 0;
  const stopOffers = app!.app.live.subscribe((m) => {
    if (m.type === 'call-event' && m.callId === callId && m.event.type === 'prompt' && /press 1/.test(String(m.event.data.text))) offers++;
  });
  // Not understood the first time, the caller uses the keypad as the prompt offers.
  const stop = respond(caller, callId, { free: () => (offers > 1 ? (void caller.press('1'), '') : free.shift() ?? '') });
  try {
    const outcome = await app!.waitForFinish(callId, 75_000);
    const record = await app!.app.store.getCall(callId);
    const heard = record?.events.filter((e) => ['presence', 'turn', 'transfer', 'prompt'].includes(e.type)).map((e) => `${e.type} ${JSON.stringify(e.data)}`);
    assert.equal(outcome, 'waiting-list', heard?.join('\n'));
  } finally {
    stop();
    stopOffers();
    ben.telephonyStatus = 'NoCall';
  }
  const record = await app!.app.store.getCall(callId);
  const presence = record!.events.find((e) => e.type === 'presence');
  assert.equal(presence?.data.status, 'busy');
  assert.match(String(presence?.data.detail), /telephonyStatus=CallConnected/);
  assert.ok(record!.events.some((e) => e.type === 'prompt' && /Ben is busy right now/.test(String(e.data.text))));
  assert.equal(rc.state.transfers.length, transfersBefore, 'no REST transfer was tried');
  assert.ok(rc.state.requests.some((r) => /\/extension\/[^/]+\/presence$/.test(r.path)), 'presence asked of RingCentral');
  const entry = (await app!.app.store.listCallbacks({ pending: true })).find((e) => e.callId === callId);
  assert.equal(entry?.number, '+14155550123');
  assert.equal(entry?.topic, 'billing');
});
