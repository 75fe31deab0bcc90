// Voice message with real peers: baresip calls as a known customer and asks for billing, the billing
// agent (a sipp UAS) answers 486 Busy, the caller chooses a voice message and speaks it; the WAV in
// the data dir carries the caller's speech energy and its metadata is in the store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { killAllSipp, type SippProcess } from '../helpers/sipp.js';
import { readWav } from '../../src/media/wav.js';
import { FRAME_SAMPLES } from '../../src/media/pcm.js';
import { BUSY_AGENT_SCENARIO, callerSpeech, startWithBillingAgent, type AssistantApp } from './e2e-harness.js';
import { dialFrontdesk, type Caller } from './e2e-caller.js';

let app: AssistantApp | undefined;
let agent: SippProcess | undefined;
let caller: Caller | undefined;

before(async () => {
  ({ app, agent } = await startWithBillingAgent({ scenario: BUSY_AGENT_SCENARIO, transfer: 'bridge', timeoutSec: 55 }));
});
after(async () => {
  await caller?.stop().catch(() => {});
  killAllSipp();
  await app?.close();
});

/** Loudest and summed energy over 20 ms frames: speech shows up in both, silence in neither. */
function energy(samples: Int16Array): { peakRms: number; loudFrames: number } {
  let peakRms = 0;
  let loudFrames = 0;
  for (let i = 0; i + FRAME_SAMPLES <= samples.length; i += FRAME_SAMPLES) {
    let sum = 0;
    for (let j = i; j < i + FRAME_SAMPLES; j++) sum += samples[j]! * samples[j]!;
    const rms = Math.sqrt(sum / FRAME_SAMPLES);
    peakRms = Math.max(peakRms, rms);
    if (rms > 300) loudFrames++;
  }
  return { peakRms, loudFrames };
}

test('busy agent → the caller leaves a voice message: WAV with their speech in the data dir, listed in the store', { timeout: 60_000 }, async () => {
  caller = await dialFrontdesk(app!.sipPort, '+16505550101', 'voicemail');
  const callId = await app!.waitForCall('+16505550101');
  const request = callerSpeech(caller.dir, 'request', 'transfer me to the billing department please');
  const yes = callerSpeech(caller.dir, 'yes', 'yes please');
  const choice = callerSpeech(caller.dir, 'choice', 'leave a voice message');
  const message = callerSpeech(caller.dir, 'message', 'hello this is john smith, please call me back about my last invoice, thank you', 'slt', 6);
  const free = [request, choice];
  const seen = new Set<number>();
  let offered = 0;
  const stop = app!.app.live.subscribe((m) => {
    if (m.type !== 'call-event' || m.callId !== callId || seen.has(m.event.seq)) return;
    seen.add(m.event.seq);
    const { type, data } = m.event;
    if (type === 'prompt' && /press 2/.test(String(data.text))) offered++;
    if (type === 'recording' && data.stage === 'start') return void caller!.say(message);
    if (type !== 'listen') return;
    // Not understood the first time, the caller uses the keypad as the prompt offers.
    if (offered > 1) return void caller!.press('2');
    const wav = data.context === 'free' ? free.shift() : data.context === 'yesNo' ? yes : undefined;
    if (wav) void caller!.say(wav);
  });
  try {
    const outcome = await app!.waitForFinish(callId, 50_000);
    const events = (await app!.app.store.getCall(callId))?.events.map((e) => `${e.type} ${JSON.stringify(e.data)}`);
    assert.equal(outcome, 'voice-message', events?.join('\n'));
  } finally {
    stop();
  }
  const agentRun = await agent!.done;
  assert.equal(agentRun.code, 0, agentRun.stderr);
  const record = await app!.app.store.getCall(callId);
  assert.ok(record!.events.some((e) => e.type === 'transfer' && e.data.stage === 'result' && e.data.status === 486));
  assert.ok(record!.events.some((e) => e.type === 'prompt' && /Ben is busy right now/.test(String(e.data.text))));

  const stored = (await app!.app.store.listVoiceMessages()).find((v) => v.callId === callId);
  assert.ok(stored, 'voice message listed in the store');
  assert.equal(stored.number, '+16505550101');
  assert.ok(stored.path.startsWith(app!.dataDir) && existsSync(stored.path), stored.path);
  const said = energy(readWav(message).samples);
  const recorded = readWav(stored.path);
  assert.equal(recorded.sampleRate, 8000);
  const heard = energy(recorded.samples);
  // The caller's words crossed RTP and G.711: the same order of loudness, most of the speech frames.
  assert.ok(heard.peakRms > said.peakRms / 3, `recorded peak RMS ${heard.peakRms.toFixed(0)} vs spoken ${said.peakRms.toFixed(0)}`);
  assert.ok(heard.loudFrames >= said.loudFrames * 0.6, `loud frames recorded ${heard.loudFrames} vs spoken ${said.loudFrames}`);
  assert.ok(stored.durationMs >= said.loudFrames * 20, `duration ${stored.durationMs} ms`);
  const event = record!.events.find((e) => e.type === 'voice-message');
  assert.equal(event?.data.path, stored.path);
});
