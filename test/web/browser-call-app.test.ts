// The whole path from a browser: the real app (startApp: receptionist, PocketSphinx, flite, SQLite)
// takes a dashboard "Call the assistant" call from headless Chromium as a known customer; the page hears
// the greeting, the fake microphone's request is recognized and recorded, the dashboard shows the call
// live, and after the page hangs up the call is in history with its transcript. An unknown browser
// caller passes screening by speaking the code through the fake microphone: once the code is known,
// the fake capture file is rewritten with it spoken and the page re-opens its microphone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../helpers/chromium.js';
import { CORPUS, startAssistantApp, type AssistantApp } from '../assistant/e2e-harness.js';
import type { CallEvent } from '../../src/store/store.js';

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

describe('browser call through the real app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-browser-app-'));
  let assistant: AssistantApp;
  let browser: Browser;
  let page: Page;
  let screeningBrowser: Browser | undefined;

  before(async () => {
    assistant = await startAssistantApp({
      businessName: 'Acme',
      customers: [{ name: 'John Smith', phoneNumbers: ['+1 650-555-0101'] }],
    });
    // "I'd like to place a new order" after 6 s of silence (the greeting plays first), looped by Chromium.
    const mic = join(dir, 'mic.wav');
    execFileSync('sox', [join(CORPUS, 'request-102.wav'), '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', mic, 'pad', '6', '4']);
    browser = await launchChromium({ fakeAudio: mic });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await screeningBrowser?.close();
    await assistant?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('greets the customer, recognizes the request, shows it live and in history', async () => {
    await page.goto(assistant.app.webUrl);
    await page.waitForSelector('body[data-ready=true]');
    await page.click('#call-open');
    await page.fill('#call-as', '+16505550101');
    await page.click('#call-start');
    const callId = await assistant.waitForCall('+16505550101');
    await page.locator(`[data-call-id="${callId}"]`).waitFor();
    assert.match((await page.textContent(`[data-call-id="${callId}"]`))!, /John Smith/);
    // The greeting is heard in the page.
    await page.waitForFunction(() => (window as any).frontdeskCall.stats.peakRms > 0.02, undefined, { timeout: 20_000 });
    const { event } = await assistant.waitForEvent((e, id) => id === callId && e.type === 'turn' && typeof e.data.heard === 'string' && e.data.heard !== '', 45_000);
    assert.match(String(event.data.heard), /order/);
    await page.waitForFunction((id) => document.querySelector(`[data-call-id="${id}"]`)?.textContent?.includes('order'), callId);
    await screenshot(page, '10-browser-call-live');
    await page.click('#call-hangup');
    await assistant.waitForFinish(callId);
    await page.click('#tabs button[data-tab=history]');
    await page.locator(`#history tbody tr[data-call-id="${callId}"]`).click();
    await page.waitForFunction(() => document.querySelector('#detail .transcript')?.textContent?.includes('order'));
    await screenshot(page, '11-browser-call-history');
  });

  it('lets an unknown browser caller pass screening by speaking the code', async () => {
    const mic = join(dir, 'screening-mic.wav');
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', mic, 'trim', '0', '30']);
    screeningBrowser = await launchChromium({ fakeAudio: mic });
    const caller = await screeningBrowser.newPage({ viewport: { width: 1280, height: 800 } });
    await caller.goto(assistant.app.webUrl);
    await caller.waitForSelector('body[data-ready=true]');
    await caller.click('#call-open');
    await caller.click('#call-start');
    const { event: challenge, callId } = await assistant.waitForEvent((e) => e.type === 'screening' && e.data.stage === 'challenge');
    const code = String(challenge.data.code);
    // The caller says the code: the fake capture file now holds it, and the page re-opens the microphone.
    const spoken = join(dir, 'code-raw.wav');
    execFileSync('flite', ['-voice', 'slt', '-t', [...code].map((d) => DIGIT_WORDS[Number(d)]).join(' '), '-o', spoken]);
    execFileSync('sox', [spoken, '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', join(dir, 'next-mic.wav'), 'pad', '1', '20']);
    renameSync(join(dir, 'next-mic.wav'), mic);
    // Speak at each listening turn (a misrecognized try is retried by the assistant, as with a person).
    const attempts: CallEvent[] = [];
    for (let n = 1; n <= 3 && !attempts.some((a) => a.data.matched); n++) {
      await assistant.waitForEvent((e, id) => id === callId && e.type === 'listen' && e.data.context === 'digits' && e.seq > (attempts.at(-1)?.seq ?? 0));
      await caller.evaluate(() => (window as any).frontdeskCall.restartMicrophone());
      const { event } = await assistant.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'attempt' && e.data.attempt === n, 30_000);
      attempts.push(event);
    }
    const passed = attempts.find((a) => a.data.matched);
    assert.ok(passed, `heard: ${attempts.map((a) => `"${String(a.data.heard)}"`).join(', ')} for ${code}`);
    assert.equal(passed.data.via, 'speech');
    assert.equal(passed.data.number, code);
    await assistant.waitForEvent((e, id) => id === callId && e.type === 'screening' && e.data.stage === 'passed');
    await caller.click('#call-hangup');
    await assistant.waitForFinish(callId);
  });
});
