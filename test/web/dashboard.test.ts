// The dashboard in real headless Chromium: token login, a live call streaming its transcript and then
// ending up in history, history filters, call detail, the waiting list, status and config. Screenshots
// of each view are saved (path printed) to look at.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encodeWav } from '../../src/media/wav.js';
import { launchChromium, screenshot } from '../helpers/chromium.js';
import { startTestOps, recordCall, recordTurn, type TestOps } from '../helpers/web.js';

const TOKEN = 'dashboard-test-token';

describe('dashboard in Chromium', () => {
  let ops: TestOps;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ops = await startTestOps({ adminToken: TOKEN });
    const day = (d: number, h = 10) => new Date(Date.UTC(2026, 2, d, h));
    await recordCall(ops.store, { id: 'h1', caller: '+15551112222', startedAt: day(1), identity: 'customer', customerName: 'Ann Lee', outcome: 'transferred',
      turns: [{ heard: 'I have a question about my bill', intent: 'billing', reply: 'Let me connect you to billing.' }] });
    await recordCall(ops.store, { id: 'h2', caller: '+15553334444', startedAt: day(2), identity: 'unknown', outcome: 'screening-failed',
      turns: [{ heard: 'one two', reply: 'Sorry, that code is not right.' }] });
    await recordCall(ops.store, { id: 'h3', caller: '+15559990000', startedAt: day(3), identity: 'screened', outcome: 'waiting-list',
      turns: [{ heard: 'my internet is down', intent: 'technical support', reply: 'All agents are busy; we will call you back.' }] });
    await ops.store.addCallback({ callId: 'h3', number: '+15559990000', topic: 'technical support', createdAt: day(3) });
    const wav = (name: string, seconds: number) => {
      const path = join(ops.dir, name);
      const samples = Int16Array.from({ length: 8000 * seconds }, (_, i) => Math.round(4000 * Math.sin((2 * Math.PI * 300 * i) / 8000)));
      writeFileSync(path, encodeWav({ samples, sampleRate: 8000 }));
      return path;
    };
    await ops.store.updateSummary('h1', { recordingPath: wav('h1.wav', 2) });
    await ops.store.addVoiceMessage({ callId: 'h3', number: '+15559990000', path: wav('vm.wav', 3), durationMs: 3000, createdAt: day(3, 11) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await ops?.close();
  });

  it('asks for the admin token and refuses a wrong one', async () => {
    await page.goto(ops.web.url);
    await page.waitForSelector('#login-form', { state: 'visible' });
    await page.fill('#token', 'wrong');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-error', { state: 'visible' });
    assert.equal(await page.textContent('#login-error'), 'wrong admin token');
    await screenshot(page, '01-login');
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(await page.isVisible('#login'), false);
    assert.equal(await page.textContent('#callback-count'), '1');
  });

  it('shows a live call with its transcript streaming, then finds it in history', async () => {
    await page.waitForSelector('body[data-live=connected]');
    await recordCall(ops.store, { id: 'live-1', caller: '+15557654321', identity: 'customer', customerName: 'Bob Diaz', finish: false,
      turns: [{ heard: 'my internet has been down since this morning', intent: 'technical support' }] });
    const card = page.locator('[data-call-id="live-1"]');
    await card.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-call-id="live-1"]')?.textContent?.includes('since this morning'));
    ops.live.partial('live-1', 'could you send a tech');
    await page.waitForFunction(() => document.querySelector('[data-call-id="live-1"] .partial')?.textContent?.includes('send a tech'));
    assert.match((await card.textContent())!, /Bob Diaz/);
    assert.equal(await page.textContent('#live-count'), '1');
    await screenshot(page, '02-live-call');

    await recordTurn(ops.store, 'live-1', { heard: 'could you send a technician', reply: 'Transferring you to technical support.' });
    await ops.store.appendEvent('live-1', { type: 'transfer', data: { stage: 'result', target: 'sip:support@pbx', ok: true } });
    await ops.store.updateSummary('live-1', { transferTarget: 'sip:support@pbx' });
    await ops.store.finishCall('live-1', 'transferred');
    await card.waitFor({ state: 'detached' });
    assert.equal(await page.textContent('#live-count'), '0');

    await page.click('#tabs button[data-tab=history]');
    const row = page.locator('#history tbody tr[data-call-id="live-1"]');
    await row.waitFor();
    assert.match((await row.textContent())!, /transferred/);
    await row.click();
    await page.waitForSelector('#detail:not([hidden]) .timeline');
    const detail = (await page.textContent('#detail'))!;
    assert.match(detail, /my internet has been down since this morning/);
    assert.match(detail, /Transferring you to technical support\./);
    assert.match(detail, /sip:support@pbx/);
    await screenshot(page, '03-history-detail');
  });

  it('filters history by number and by outcome', async () => {
    const rows = () => page.$$eval('#history tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.callId));
    assert.deepEqual(await rows(), ['live-1', 'h3', 'h2', 'h1']);
    await page.fill('#filters input[name=number]', '(555) 111-2222');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#history tbody tr').length === 1);
    assert.deepEqual(await rows(), ['h1']);
    await page.click('#filters button[type=reset]');
    await page.selectOption('#filters select[name=outcome]', 'screening-failed');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#history tbody tr')?.getAttribute('data-call-id') === 'h2' && document.querySelectorAll('#history tbody tr').length === 1);
    await page.selectOption('#filters select[name=outcome]', '');
    await page.fill('#filters input[name=since]', '2026-03-02');
    await page.fill('#filters input[name=until]', '2026-03-02');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#history tbody tr').length === 1);
    assert.deepEqual(await rows(), ['h2']);
    await screenshot(page, '04-history-filtered');
  });

  it('plays a call recording and a voice message', async () => {
    await page.click('#filters button[type=reset]');
    await page.click('#filters button[type=submit]');
    await page.locator('#history tbody tr[data-call-id="h1"]').click();
    await page.waitForFunction(() => document.querySelector('#detail h3')?.textContent?.includes('Ann Lee'));
    const recording = await page.$eval('#detail audio', (audio) =>
      new Promise<number>((resolve, reject) => {
        const a = audio as HTMLAudioElement;
        a.onloadedmetadata = () => resolve(a.duration);
        a.onerror = () => reject(new Error('recording failed to load'));
        a.load();
      }));
    assert.ok(Math.abs(recording - 2) < 0.05, `recording duration ${recording}`);
    await page.click('#tabs button[data-tab=messages]');
    await page.waitForSelector('#messages audio');
    const message = await page.$eval('#messages audio', (audio) =>
      new Promise<number>((resolve, reject) => {
        const a = audio as HTMLAudioElement;
        a.onloadedmetadata = () => resolve(a.duration);
        a.onerror = () => reject(new Error('voice message failed to load'));
        a.load();
      }));
    assert.ok(Math.abs(message - 3) < 0.05, `voice message duration ${message}`);
    assert.match((await page.textContent('#messages'))!, /\+15559990000/);
    await screenshot(page, '05-voice-messages');
  });

  it('marks a waiting caller as called back', async () => {
    await page.click('#tabs button[data-tab=callbacks]');
    const button = page.locator('#callbacks tbody tr button');
    await button.waitFor();
    await screenshot(page, '06-waiting-list');
    await button.click();
    await page.waitForSelector('#callbacks-empty', { state: 'visible' });
    assert.equal(await page.textContent('#callback-count'), '0');
    assert.equal((await ops.store.listCallbacks({ pending: true })).length, 0);
  });

  it('shows status and the masked config', async () => {
    await page.click('#tabs button[data-tab=status]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('pocketsphinx'));
    const status = (await page.textContent('#status'))!;
    assert.match(status, /registered/);
    assert.match(status, /sqlite/);
    await screenshot(page, '07-status');
    await page.click('#tabs button[data-tab=config]');
    await page.waitForFunction(() => document.querySelector('#config')?.textContent?.includes('adminTokenEnv'));
    await screenshot(page, '08-config');
  });

  it('pages through a long history', async () => {
    for (let i = 0; i < 60; i++) {
      await recordCall(ops.store, { id: `bulk-${i}`, caller: `+1555200${String(i).padStart(4, '0')}`, startedAt: new Date(Date.UTC(2026, 1, 1, 0, i)) });
    }
    await page.click('#tabs button[data-tab=history]');
    await page.click('#filters button[type=reset]');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#history tbody tr').length === 50);
    assert.equal(await page.isVisible('#history-more'), true);
    await page.click('#history-more');
    await page.waitForFunction(() => document.querySelectorAll('#history tbody tr').length === 64);
    assert.equal(await page.isVisible('#history-more'), false);
    const last = await page.$eval('#history tbody tr:last-child', (tr) => (tr as HTMLElement).dataset.callId);
    assert.equal(last, 'bulk-0', 'the oldest call comes last');
  });
});
