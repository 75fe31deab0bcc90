// The browser call end to end in real headless Chromium: the fake microphone (a corpus passcode WAV)
// reaches a `browserCalls` handler as paced 8 kHz frames with speech energy, what the handler plays is
// heard by the page (its player statistics), keypad digits arrive as DTMF, and hang-up works both ways.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Call, DtmfEvent, HangupEvent } from '../../src/telephony/call.js';
import type { PcmChunk } from '../../src/media/pcm.js';
import { fakeMicrophoneWav, launchChromium, screenshot } from '../helpers/chromium.js';
import { startTestOps, type TestOps } from '../helpers/web.js';

const CORPUS_WAV = '../shared/eval/speech-dev/passcode-001.wav';

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

async function* tone(ms: number, rate = 16000): AsyncIterable<PcmChunk> {
  for (let t = 0; t < ms; t += 100) {
    const samples = new Int16Array(rate / 10);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.round(10000 * Math.sin((2 * Math.PI * 440 * ((t * rate) / 1000 + i)) / rate));
    yield { samples, sampleRate: rate };
  }
}

/** Waits until `predicate` holds, polling; fails with `what` after 20 s. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('browser call in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-browser-call-'));
  let ops: TestOps;
  let browser: Browser;
  let page: Page;
  const calls: { call: Call; frames: PcmChunk[]; digits: DtmfEvent[]; hangup?: HangupEvent }[] = [];

  before(async () => {
    ops = await startTestOps({
      browserCalls: (call) => {
        const entry: (typeof calls)[number] = { call, frames: [], digits: [] };
        calls.push(entry);
        call.on('audio', (frame) => entry.frames.push(frame));
        call.on('dtmf', (event) => entry.digits.push(event));
        call.on('hangup', (event) => (entry.hangup = event));
      },
    });
    browser = await launchChromium({ fakeAudio: fakeMicrophoneWav(CORPUS_WAV, dir) });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(ops.web.url);
    await page.waitForSelector('body[data-ready=true]');
  });
  after(async () => {
    await browser?.close();
    await ops?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries microphone audio to the call engine and the assistant audio back to the page', async () => {
    await page.click('#call-open');
    await page.fill('#call-as', '+15551234567');
    await page.click('#call-start');
    await until(() => calls.length === 1, 'the browser call to reach the handler');
    const entry = calls[0]!;
    assert.match(entry.call.facts.from, /sip:\+15551234567@/);
    assert.equal(entry.call.facts.peer.transport, 'ws');
    // The WAV is ~2.6 s of speech padded with silence, looped by Chromium: wait for 3 s of frames.
    await until(() => entry.frames.length >= 150, '3 s of caller audio');
    assert.ok(entry.frames.every((f) => f.sampleRate === 8000 && f.samples.length === 160));
    const loudest = Math.max(...entry.frames.map((f) => rms(f.samples)));
    assert.ok(loudest > 500, `speech from the fake microphone arrives (loudest frame RMS ${loudest.toFixed(0)})`);

    const outcome = await entry.call.play(tone(1500));
    assert.equal(outcome, 'finished');
    await page.waitForFunction(() => (window as any).frontdeskCall.stats.playedFrames >= 50);
    const stats = await page.evaluate(() => (window as any).frontdeskCall.stats);
    assert.ok(stats.receivedFrames >= 70, `page received ${stats.receivedFrames} frames of 75`);
    // A 10000-peak sine has RMS ≈ 0.216 of full scale.
    assert.ok(stats.peakRms > 0.15 && stats.peakRms < 0.3, `page played the tone (peak RMS ${stats.peakRms})`);
    await screenshot(page, '09-browser-call');

    await page.click('#keypad button[data-digit="5"]');
    await page.click('#keypad button[data-digit="#"]');
    await until(() => entry.digits.length === 2, 'two keypad digits');
    assert.deepEqual(entry.digits.map((d) => d.digit), ['5', '#']);

    await entry.call.hangup('goodbye');
    await page.waitForFunction(() => (window as any).frontdeskCall.state === 'ended');
    assert.match((await page.textContent('#call-state'))!, /Call ended: goodbye/);
    assert.deepEqual(entry.hangup, { by: 'local', reason: 'goodbye' });
  });

  it('ends the call when the page hangs up, and barge-in flushes the page', async () => {
    await page.click('#call-start');
    await until(() => calls.length === 2, 'a second browser call');
    const entry = calls[1]!;
    const playing = entry.call.play(tone(5000));
    await page.waitForFunction(() => (window as any).frontdeskCall.stats.playedFrames >= 10);
    entry.call.stopPlayback();
    assert.equal(await playing, 'stopped');
    await page.click('#call-hangup');
    await until(() => entry.hangup !== undefined, 'the hang-up from the page');
    assert.equal(entry.hangup!.by, 'remote');
    assert.equal(await entry.call.play(tone(100)), 'hangup');
  });
});
