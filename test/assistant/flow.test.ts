// The call flow with scripted callers (no SIP): screening, greeting, transfer, waiting list, billing,
// silence, records. Real-peer tests of the same paths are in test/assistant/e2e-*.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { callFacts, ScriptedIncoming, ScriptedListener, speechDouble, type CallerStep } from '../helpers/assistant-doubles.js';
import { harness, runCall, testConfig, KNOWN, UNKNOWN, BLOCKED } from './flow-harness.js';

const repeatCode: CallerStep = (call) => ({ say: `uh it's ${ScriptedListener.codeIn(call).split('').join(' ')}` });
const events = (record: { events: { type: string; data: Record<string, unknown> }[] }, type: string) => record.events.filter((e) => e.type === type).map((e) => e.data);

test('blocked caller: declined with 603 before answering, and recorded', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { incoming, record } = await runCall(h, scripts, BLOCKED, []);
  assert.deepEqual(incoming.rejected?.status, 603);
  assert.equal(incoming.answered, false);
  assert.equal(record.summary.outcome, 'rejected-blocked');
  assert.equal(record.summary.identity, 'blocked');
  assert.equal(events(record, 'rejected')[0]?.status, 603);
  await h.close();
});

test('unknown caller repeats the code, asks about the bill, says yes: transferred to billing by REFER', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { call, record, listener } = await runCall(h, scripts, UNKNOWN, [repeatCode, { say: 'I have a question about my bill' }, { say: 'yes' }]);
  assert.match(call.prompts[0]!, /repeat or use the keypad.*\d, \d, \d, \d\./);
  assert.deepEqual({ ...listener!.contexts[0], expected: undefined }, { kind: 'digits', length: 4, expected: undefined });
  assert.equal((listener!.contexts[0] as { expected?: string }).expected, ScriptedListener.codeIn(call));
  assert.deepEqual(call.transfers, [{ target: 'sip:103@127.0.0.1:5103', mode: 'refer' }]);
  assert.equal(record.summary.outcome, 'transferred');
  assert.equal(record.summary.identity, 'screened');
  assert.equal(record.summary.transferTarget, 'sip:103@127.0.0.1:5103');
  const turns = events(record, 'turn');
  assert.equal(turns[0]?.heard, 'I have a question about my bill');
  assert.deepEqual(turns[0]?.classification, { intent: 'request', topic: 'billing', class: 'billing inquiry' });
  assert.equal(turns[1]?.yesNo, 1);
  assert.ok(events(record, 'transfer').some((t) => t.stage === 'result' && t.ok === true));
  // An unverified caller never hears billing facts.
  assert.ok(call.prompts.every((p) => !/89|December/.test(p)));
  await h.close();
});

test('keypad passcode passes screening', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { record, call } = await runCall(h, scripts, UNKNOWN, [(c) => ({ keys: ScriptedListener.codeIn(c) }), { hangup: true }]);
  const attempts = events(record, 'screening').filter((s) => s.stage === 'attempt');
  assert.equal(attempts.length, 1);
  assert.equal(attempts[0]?.via, 'dtmf');
  assert.equal(attempts[0]?.matched, true);
  assert.match(call.prompts[1]!, /Thank you for your verification/);
  assert.equal(record.summary.outcome, 'caller-hangup');
  await h.close();
});

test('three wrong codes (speech, keys, silence): exactly three attempts, goodbye, hang-up', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { record, call, listener } = await runCall(h, scripts, UNKNOWN, [{ say: 'one two three four five' }, { keys: '0000' }, { silence: true }, { say: 'should never be asked' }]);
  assert.equal(events(record, 'screening').filter((s) => s.stage === 'attempt').length, 3);
  assert.equal(listener!.remaining, 1);
  assert.equal(record.summary.outcome, 'screening-failed');
  assert.match(call.prompts.at(-1)!, /could not verify/);
  assert.equal(call.hangupReason, 'screening-failed');
  await h.close();
});

test('known customer is greeted by name and skips screening; FAQ answers questions', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { record, call } = await runCall(h, scripts, KNOWN, [{ say: 'what are your opening hours' }, { say: "no that's all" }]);
  assert.match(call.prompts[0]!, /Thank you for calling Acme, John!/);
  assert.match(call.prompts[1]!, /open nine to five/);
  assert.match(call.prompts.at(-1)!, /Goodbye/);
  assert.equal(record.summary.identity, 'customer');
  assert.equal(record.summary.customerName, 'John Smith');
  assert.equal(record.summary.outcome, 'completed');
  await h.close();
});

test('billing: read only after the ZIP code matches', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const ok = await runCall(h, scripts, KNOWN, [{ say: 'how much do I owe' }, { say: 'nine four four oh four' }, { hangup: true }]);
  assert.ok(ok.call.prompts.some((p) => /89 dollars and 99 cents is due on December 15, 2026/.test(p)), ok.call.prompts.join(' | '));
  const bad = await runCall(h, scripts, KNOWN, [{ say: 'how much do I owe' }, { say: '1 2 3 4 5' }, { keys: '11111' }, { say: 'no' }, { hangup: true }]);
  assert.ok(bad.call.prompts.every((p) => !/89|December/.test(p)));
  assert.ok(bad.call.prompts.some((p) => /does not match/.test(p)));
  assert.deepEqual(events(bad.record, 'identity').filter((e) => e.check === 'zip').map((e) => e.matched), [false, false]);
  await h.close();
});

test('agent unreachable: the caller is told honestly and joins the waiting list', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { record, call } = await runCall(
    h, scripts, KNOWN,
    [{ say: 'my internet keeps dropping' }, { say: 'yes please' }, { say: 'put me on the waiting list' }],
    (c) => (c.transferResult = () => ({ ok: false, status: 480, reason: 'Temporarily Unavailable' })),
  );
  assert.deepEqual(call.transfers, [{ target: 'sip:104@127.0.0.1:5104', mode: 'bridge' }]);
  assert.ok(call.prompts.some((p) => /Tara is not answering right now/.test(p)), call.prompts.join(' | '));
  const [entry] = await h.store.listCallbacks({ pending: true });
  assert.equal(entry?.number, '+16505550101');
  assert.equal(entry?.topic, 'technical support');
  assert.equal(entry?.callId, record.summary.id);
  assert.ok(entry?.createdAt instanceof Date);
  assert.equal(record.summary.outcome, 'waiting-list');
  assert.ok(events(record, 'transfer').some((t) => t.stage === 'result' && t.ok === false && t.status === 480));
  await h.close();
});

test('busy agent in the config: no transfer attempted, voice message recorded to the data dir', async () => {
  const scripts = new Map();
  const config = testConfig({ agents: [{ name: 'Olivia', department: 'ordering', uri: 'sip:102@127.0.0.1', status: 'busy' }] });
  const speech = speechDouble();
  let frames = 0;
  speech.vadFactory = () => ({
    name: 'counting', configure: () => {}, reset: () => {},
    process: () => (++frames === 5 ? [{ type: 'speech-start', atMs: 100 }] : frames === 40 ? [{ type: 'speech-end', atMs: 800, speechMs: 700 }] : []),
  });
  const h = await harness(config, scripts, speech);
  const { record, call } = await runCall(
    h, scripts, KNOWN,
    [{ say: 'I want to check the status of my order' }, { say: 'I will leave a voice message' }],
    (c) => (c.onPrompt = (text) => {
      if (!/leave your message/.test(text)) return;
      const feed = (n: number) => {
        if (n === 0 || c.ended) return;
        c.emit('audio', { samples: new Int16Array(160).fill(1000), sampleRate: 8000 });
        setImmediate(() => feed(n - 1));
      };
      setTimeout(() => feed(60), 5);
    }),
  );
  assert.deepEqual(call.transfers, []);
  assert.ok(call.prompts.some((p) => /Olivia is busy right now/.test(p)));
  const [message] = await h.store.listVoiceMessages();
  assert.ok(message, 'voice message stored');
  assert.equal(message.number, '+16505550101');
  assert.ok(existsSync(message.path) && message.path.startsWith(config.operations.dataDir));
  assert.ok(message.durationMs >= 700);
  assert.equal(record.summary.outcome, 'voice-message');
  await h.close();
});

test('maximum call duration ends a call that is waiting for the caller', async () => {
  const scripts = new Map();
  const config = testConfig();
  config.assistant.options.maxCallDurationSec = 0.2;
  const h = await harness(config, scripts);
  const { record, call } = await runCall(h, scripts, KNOWN, [{ wait: true }]);
  assert.match(call.prompts.at(-1)!, /maximum length of a call/);
  assert.equal(record.summary.outcome, 'timeout');
  assert.equal(call.ended, true);
  await h.close();
});

test('reload: calls in progress keep their config, new calls get the new one', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const first = new ScriptedIncoming(callFacts({ from: KNOWN }));
  scripts.set(first.facts.id, [{ wait: true }]);
  const running = h.receptionist.handle(first);
  try {
    for (let i = 0; i < 500 && h.receptionist.activeCalls()[0]?.state !== 'chatting'; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(h.receptionist.activeCalls().map((c) => c.state), ['chatting']);
    h.receptionist.reload(testConfig({ businessName: 'Zenith' }));
    const second = await runCall(h, scripts, KNOWN, [{ hangup: true }]);
    assert.match(second.call.prompts[0]!, /Zenith/);
  } finally {
    first.call.end('remote', 'bye');
    await running;
  }
  assert.match(first.call.prompts[0]!, /Acme/);
  assert.equal(h.receptionist.activeCalls().length, 0);
  await h.close();
});

test('a failing call does not affect another one; handle never throws', async () => {
  const scripts = new Map();
  const config = testConfig();
  const h = await harness(config, scripts);
  const broken = new ScriptedIncoming(callFacts({ from: KNOWN }));
  broken.answer = async () => { throw new Error('SDP negotiation failed'); };
  const good = new ScriptedIncoming(callFacts({ from: KNOWN }));
  scripts.set(good.facts.id, [{ say: 'bye' }]);
  await Promise.all([h.receptionist.handle(broken), h.receptionist.handle(good)]);
  assert.equal((await h.store.getCall(broken.facts.id))?.summary.outcome, 'caller-hangup');
  assert.equal((await h.store.getCall(good.facts.id))?.summary.outcome, 'completed');
  await h.close();
});

test('barge-in: caller speech stops an interruptible prompt', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { record } = await runCall(h, scripts, KNOWN, [{ hangup: true }], (c) => {
    c.onPrompt = () => h.listeners.get(c.facts.id)?.emit('speech-start');
  });
  assert.deepEqual(events(record, 'barge-in'), [{ by: 'speech' }]);
  await h.close();
});

test('silence: one re-prompt, then goodbye with outcome timeout', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { record, call } = await runCall(h, scripts, KNOWN, [{ silence: true }, { silence: true }]);
  assert.match(call.prompts[1]!, /Are you still there/);
  assert.match(call.prompts[2]!, /have not heard anything/);
  assert.equal(record.summary.outcome, 'timeout');
  assert.equal(call.ended, true);
  await h.close();
});

test('unclear transfer answer is asked once more; "no" keeps chatting', async () => {
  const scripts = new Map();
  const h = await harness(testConfig(), scripts);
  const { call } = await runCall(h, scripts, KNOWN, [{ say: 'transfer me to the billing department please' }, { say: 'hmm maybe' }, { say: 'no' }, { hangup: true }]);
  assert.match(call.prompts[1]!, /transfer your call to Ben in billing\?/);
  assert.match(call.prompts[2]!, /repeat/);
  assert.match(call.prompts[3]!, /how can I help you/);
  assert.deepEqual(call.transfers, []);
  await h.close();
});

