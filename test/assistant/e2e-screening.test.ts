// Screening with real peers: baresip calls the real app; the passcode is read from the call's record
// (the caller side cannot see it otherwise) and keyed with RFC 4733; wrong codes end the call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAssistantApp, type AssistantApp } from './e2e-harness.js';
import { dialFrontdesk, type Caller } from './e2e-caller.js';

const sample = {
  businessName: 'Acme',
  agents: [{ name: 'Ben', department: 'billing', uri: 'sip:103@127.0.0.1:9' }],
  screening: { answerTimeoutMs: 6000 },
};
let app: AssistantApp;
const callers: Caller[] = [];
before(async () => {
  app = await startAssistantApp(sample);
});
after(async () => {
  for (const caller of callers) await caller.stop().catch(() => {});
  await app?.close();
});

async function call(number: string, name: string): Promise<{ caller: Caller; callId: string }> {
  const caller = await dialFrontdesk(app.sipPort, number, name);
  callers.push(caller);
  return { caller, callId: await app.waitForCall(number) };
}

test('keypad passcode (RFC 4733) passes screening', { timeout: 60_000 }, async () => {
  const { caller, callId } = await call('+14155559876', 'dtmf');
  const { event } = await app.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'challenge');
  await caller.press(String(event.data.code));
  const attempt = await app.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'attempt');
  assert.equal(attempt.event.data.via, 'dtmf');
  assert.equal(attempt.event.data.matched, true);
  await app.waitForEvent((e, id) => id === callId && e.type === 'listen' && e.data.context === 'free');
  await caller.hangup();
  assert.equal(await app.waitForFinish(callId), 'caller-hangup');
  const record = await app.app.store.getCall(callId);
  assert.equal(record?.summary.identity, 'screened');
  assert.equal(record?.summary.caller, '+14155559876');
});

test('three wrong codes: hang-up right after the third attempt', { timeout: 60_000 }, async () => {
  const { caller, callId } = await call('+14155559877', 'wrong');
  const { event } = await app.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'challenge');
  const wrong = String((Number(event.data.code) + 1) % 10000).padStart(4, '0');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await app.waitForEvent((e, id) => id === callId && e.type === 'screening' && (attempt === 1 || (e.data.stage === 'attempt' && e.data.attempt === attempt - 1)));
    await caller.press(wrong);
  }
  const closed = await caller.phone.waitFor('CALL_CLOSED', 30_000);
  assert.ok(closed);
  assert.equal(await app.waitForFinish(callId), 'screening-failed');
  const record = await app.app.store.getCall(callId);
  const attempts = record!.events.filter((e) => e.type === 'screening' && e.data.stage === 'attempt');
  assert.deepEqual(attempts.map((e) => [e.data.attempt, e.data.matched]), [[1, false], [2, false], [3, false]]);
});
