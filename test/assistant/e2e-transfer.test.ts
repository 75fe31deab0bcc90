// The seed's main path with real peers: an unknown caller (baresip) speaks the passcode, asks about
// the bill, says yes, and is transferred by REFER to the billing agent (a sipp UAS), who receives
// the call. Honesty: the code is heard in the call's record (the only place a test can read it) and
// spoken back with flite voices (not frontdesk's) made at run time; every caller turn is real audio over RTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { killAllSipp, type SippProcess } from '../helpers/sipp.js';
import { callerSpeech, corpusSpeech, startWithBillingAgent, type AssistantApp } from './e2e-harness.js';
import { dialFrontdesk, type Caller } from './e2e-caller.js';

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
let app: AssistantApp | undefined;
let agent: SippProcess | undefined;
const callers: Caller[] = [];
after(async () => {
  for (const caller of callers) await caller.stop().catch(() => {});
  killAllSipp();
  await app?.close();
});

before(async () => {
  ({ app, agent } = await startWithBillingAgent({ scenario: 'uas', transfer: 'refer', timeoutSec: 85, sippArgs: ['-trace_msg'] }));
});

/** Answers each turn the assistant listens for, by turn kind, until `done` resolves. */
function respond(caller: Caller, callId: string, answers: Record<string, () => string>): () => void {
  const seen = new Set<number>();
  return app!.app.live.subscribe((message) => {
    if (message.type !== 'call-event' || message.callId !== callId || message.event.type !== 'listen') return;
    if (seen.has(message.event.seq)) return;
    seen.add(message.event.seq);
    const wav = answers[String(message.event.data.context)]?.();
    if (wav) void caller.say(wav);
  });
}

test('spoken passcode → "I have a question about my bill" → "yes" → REFER to the billing agent', { timeout: 90_000 }, async () => {
  const caller = await dialFrontdesk(app!.sipPort, '+14155550142', 'transfer');
  callers.push(caller);
  const callId = await app!.waitForCall('+14155550142');
  const { event } = await app!.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'challenge');
  const spoken = String(event.data.code).split('').map((d) => DIGIT_WORDS[Number(d)]).join(' ');
  // A caller asked again repeats more carefully: each attempt is another voice, not the same audio.
  const codes = ['slt', 'awb', 'rms'].map((voice) => callerSpeech(caller.dir, 'code', spoken, voice));
  const question = callerSpeech(caller.dir, 'question', 'I have a question about my bill');
  const yes = corpusSpeech(caller.dir, 'yesno-080.wav');
  const stop = respond(caller, callId, { digits: () => codes.shift() ?? '', free: () => question, yesNo: () => yes });
  try {
    const outcome = await app!.waitForFinish(callId, 75_000);
    const heard = (await app!.app.store.getCall(callId))?.events.filter((e) => e.type === 'screening' || e.type === 'turn').map((e) => JSON.stringify(e.data));
    assert.equal(outcome, 'transferred', `code "${spoken}"; ${heard?.join('\n')}`);
  } finally {
    stop();
  }
  // The agent's side: baresip followed the REFER and is now in a second, established call.
  await waitUntil(() => caller.phone.events.filter((e) => e.type === 'CALL_ESTABLISHED').length >= 2, 15_000);
  await caller.hangup();
  const agentRun = await agent!.done;
  assert.equal(agentRun.code, 0, agentRun.stderr);
  assert.match(agentRun.logs, /INVITE sip:103@127\.0\.0\.1:\d+/);

  const record = await app!.app.store.getCall(callId);
  assert.ok(record);
  assert.equal(record.summary.identity, 'screened');
  assert.equal(record.summary.transferTarget, `sip:103@127.0.0.1:${agent!.port}`);
  const passed = record.events.find((e) => e.type === 'screening' && e.data.stage === 'attempt' && e.data.matched === true);
  assert.equal(passed?.data.via, 'speech');
  const turn = record.events.find((e) => e.type === 'turn' && e.data.classification);
  assert.deepEqual((turn?.data.classification as { topic: string }).topic, 'billing');
  const result = record.events.find((e) => e.type === 'transfer' && e.data.stage === 'result');
  assert.equal(result?.data.ok, true);
});

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
