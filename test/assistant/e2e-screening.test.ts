// Screening with real peers: baresip calls the real app; the passcode is read from the call's record
// (the caller side cannot see it otherwise) and keyed with RFC 4733; wrong codes end the call.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAssistantApp, type AssistantApp } from './e2e-harness.js';
import { dialFrontdesk, type Caller } from './e2e-caller.js';

const sample = {
  businessName: 'Acme',
  agents: [{ name: 'Ben', department: 'billing', uri: 'sip:103@127.0.0.1:9' }],
  screening: { answerTimeoutMs: 6000 },
};
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
});

async function call(app: AssistantApp, number: string, name: string): Promise<Caller> {
  const caller = await dialFrontdesk(app.sipPort, number, name);
  cleanup.push(() => caller.stop());
  return caller;
}

test('keypad passcode (RFC 4733) passes screening', { timeout: 60_000 }, async () => {
  const app = await startAssistantApp(sample);
  cleanup.push(() => app.close());
  const caller = await call(app, '+14155559876', 'dtmf');
  const { event, callId } = await app.waitForEvent((e) => e.type === 'screening' && e.data.stage === 'challenge');
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
  const app = await startAssistantApp(sample);
  cleanup.push(() => app.close());
  const caller = await call(app, '+14155559877', 'wrong');
  const { event, callId } = await app.waitForEvent((e) => e.type === 'screening' && e.data.stage === 'challenge');
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
