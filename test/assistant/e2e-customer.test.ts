// Known customers and unreachable agents, with real peers: a customer is greeted by name (checked in
// the record and by recognizing the audio the caller heard), and a busy agent (a sipp UAS answering
// 486) leads to an honest explanation and a waiting-list entry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { killAllSipp, type SippProcess } from '../helpers/sipp.js';
import { readWav } from '../../src/media/wav.js';
import { FRAME_SAMPLES } from '../../src/media/pcm.js';
import { Listener } from '../../src/speech/listener.js';
import { PocketsphinxStt } from '../../src/speech/pocketsphinx/stt.js';
import { EnergyVad } from '../../src/speech/vad/energy.js';
import { BUSY_AGENT_SCENARIO, callerSpeech, startWithBillingAgent, type AssistantApp } from './e2e-harness.js';
import { dialFrontdesk, type Caller } from './e2e-caller.js';

let app: AssistantApp | undefined;
let agent: SippProcess | undefined;
const callers: Caller[] = [];
before(async () => {
  ({ app, agent } = await startWithBillingAgent({ scenario: BUSY_AGENT_SCENARIO, transfer: 'bridge', timeoutSec: 85 }));
});
after(async () => {
  for (const caller of callers) await caller.stop().catch(() => {});
  killAllSipp();
  await app?.close();
});

/** What a recording says, through the product's own recognizer (free speech). */
async function transcribe(path: string, speechDir: string): Promise<string> {
  // The recognizer knows the greeting for each of several customers, so the name it picks is the
  // name that was said (a wrong name or none would not come out as "john").
  const names = ['John', 'Maria', 'David', 'Linda'];
  const vocabulary = { names, phrases: names.map((n) => `thank you for calling acme ${n.toLowerCase()} how can i help you today`) };
  const stt = await PocketsphinxStt.create({ speechDir, workers: 1, vocabulary });
  const source = new EventEmitter();
  const listener = new Listener(source as never, stt, () => new EnergyVad());
  try {
    const pcm = readWav(path);
    const turn = listener.listen({ context: { kind: 'free' }, noInputTimeoutMs: 10_000, endSilenceMs: 1500, maxSpeechMs: 20_000 });
    for (let i = 0; i < pcm.samples.length; i += FRAME_SAMPLES) {
      source.emit('audio', { samples: pcm.samples.slice(i, i + FRAME_SAMPLES), sampleRate: 8000 });
      await new Promise((r) => setImmediate(r));
    }
    for (let i = 0; i < 100; i++) source.emit('audio', { samples: new Int16Array(FRAME_SAMPLES), sampleRate: 8000 });
    const result = await turn;
    return result.kind === 'speech' ? result.result.text : '';
  } finally {
    listener.close();
    await stt.close();
  }
}

test('known customer: greeted by name, in the record and in the audio the caller heard', { timeout: 90_000 }, async () => {
  const caller = await dialFrontdesk(app!.sipPort, '+16505550101', 'customer');
  callers.push(caller);
  const callId = await app!.waitForCall('+16505550101');
  const greeting = await app!.waitForEvent((e, id) => id === callId && e.type === 'prompt');
  assert.match(String(greeting.event.data.text), /Thank you for calling Acme, John!/);
  await app!.waitForEvent((e, id) => id === callId && e.type === 'listen');
  await caller.hangup();
  assert.equal(await app!.waitForFinish(callId), 'caller-hangup');
  const record = await app!.app.store.getCall(callId);
  assert.equal(record?.summary.identity, 'customer');
  assert.equal(record?.summary.customerName, 'John Smith');
  assert.equal(record?.events.some((e) => e.type === 'screening'), false);
  await caller.stop();
  const [heard] = caller.phone.heardRecordings();
  assert.ok(heard, 'baresip recorded what it heard');
  const text = await transcribe(heard, join(app!.dataDir, 'speech'));
  assert.match(text, /\bjohn\b/, `recognized: "${text}"`);
  assert.doesNotMatch(text, /\b(maria|david|linda)\b/);
});

test('busy billing agent: the caller is told and is put on the waiting list', { timeout: 90_000 }, async () => {
  const caller = await dialFrontdesk(app!.sipPort, '+14155550177', 'busy');
  callers.push(caller);
  const callId = await app!.waitForCall('+14155550177');
  const { event } = await app!.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'challenge');
  await caller.press(String(event.data.code));
  const request = callerSpeech(caller.dir, 'request', 'transfer me to the billing department please');
  const yes = callerSpeech(caller.dir, 'yes', 'yes please');
  const waitingList = callerSpeech(caller.dir, 'list', 'put me on the waiting list');
  const free = [request, waitingList];
  let askedAgain = false;
  const seen = new Set<number>();
  const stop = app!.app.live.subscribe((m) => {
    if (m.type !== 'call-event' || m.callId !== callId || seen.has(m.event.seq)) return;
    seen.add(m.event.seq);
    // Not understood the first time, the caller uses the keypad as the prompt offers.
    if (m.event.type === 'prompt' && /press 1/.test(String(m.event.data.text)) && /^Please/.test(String(m.event.data.text))) askedAgain = true;
    if (m.event.type !== 'listen') return;
    if (askedAgain) return void caller.press('1');
    const wav = m.event.data.context === 'free' ? free.shift() : m.event.data.context === 'yesNo' ? yes : undefined;
    if (wav) void caller.say(wav);
  });
  try {
    const outcome = await app!.waitForFinish(callId, 75_000);
    const turns = (await app!.app.store.getCall(callId))?.events.filter((e) => ['turn', 'transfer', 'prompt'].includes(e.type)).map((e) => JSON.stringify(e.data));
    assert.equal(outcome, 'waiting-list', turns?.join('\n'));
  } finally {
    stop();
  }
  const agentRun = await agent!.done;
  assert.equal(agentRun.code, 0, agentRun.stderr);
  const record = await app!.app.store.getCall(callId);
  const result = record!.events.find((e) => e.type === 'transfer' && e.data.stage === 'result');
  assert.equal(result?.data.ok, false);
  assert.equal(result?.data.status, 486);
  assert.ok(record!.events.some((e) => e.type === 'prompt' && /Ben is busy right now/.test(String(e.data.text))));
  const entries = await app!.app.store.listCallbacks({ pending: true });
  const entry = entries.find((e) => e.callId === callId);
  assert.equal(entry?.number, '+14155550177');
  assert.equal(entry?.topic, 'billing');
  assert.equal(entry?.agent, 'Ben');
});
