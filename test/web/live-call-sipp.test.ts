// The dashboard in real headless Chromium watching the real `frontdesk serve` process: a call placed
// by sipp (a known customer speaking a corpus request) shows up live with its transcript, and after
// sipp hangs up it is in history with the same transcript. Screenshots are saved (path printed).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../helpers/chromium.js';
import { startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { startSipp, killAllSipp, type SippProcess } from '../helpers/sipp.js';
import { callerScenario, toUlaw } from '../helpers/sipp-caller.js';
import { CORPUS } from '../assistant/e2e-harness.js';

const TOKEN = 'live-sipp-token';
const CALLER = '+16505550142';

describe('a sipp call in the dashboard', { timeout: 90_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'frontdesk-live-sipp-'));
  let frontdesk: FrontdeskProcess;
  let browser: Browser;
  let page: Page;
  let sipp: SippProcess;
  let callId = '';

  before(async () => {
    frontdesk = await startFrontdesk({
      config: {
        speech: { workers: 1 },
        assistant: { businessName: 'Acme', customers: [{ name: 'Dana Cruz', phoneNumbers: [CALLER] }] },
      },
      env: { FRONTDESK_ADMIN_TOKEN: TOKEN },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${frontdesk.httpPort}/`);
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForSelector('body[data-live=connected]');
  });
  after(async () => {
    killAllSipp();
    await browser?.close();
    await frontdesk?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('shows the call live with its transcript while sipp is on the line', async () => {
    // "I want to check the status of my order" (flite rms voice), spoken after the greeting.
    const request = toUlaw(join(CORPUS, 'request-101.wav'), work, 'request');
    sipp = await startSipp({
      scenario: callerScenario({ from: CALLER, steps: [{ pauseMs: 6000 }, { speak: request, durationMs: 3000 }, { pauseMs: 14_000 }] }),
      target: `127.0.0.1:${frontdesk.sipPort}`,
      timeoutSec: 60,
    });
    const card = page.locator('#live-calls [data-call-id]');
    await card.waitFor({ timeout: 15_000 });
    callId = (await card.getAttribute('data-call-id'))!;
    assert.match((await card.textContent())!, /Dana Cruz/);
    assert.equal(await page.textContent('#live-count'), '1');
    await page.waitForFunction(
      (id) => /status of my order/i.test(document.querySelector(`[data-call-id="${id}"]`)?.textContent ?? ''),
      callId,
      { timeout: 25_000 },
    );
    await screenshot(page, 'sipp-01-live-call');
  });

  it('moves the call to history with its transcript after sipp hangs up', async () => {
    const result = await sipp.done;
    assert.equal(result.code, 0, `${result.logs.slice(-1500)}\nfrontdesk (exit ${frontdesk.child.exitCode} ${frontdesk.child.signalCode}):\n${frontdesk.output().slice(-4000)}`);
    await page.locator(`#live-calls [data-call-id="${callId}"]`).waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await page.textContent('#live-count'), '0');
    await page.click('#tabs button[data-tab=history]');
    const row = page.locator(`#history tbody tr[data-call-id="${callId}"]`);
    await row.waitFor();
    const rowText = (await row.textContent())!;
    assert.match(rowText, /Dana Cruz|\+16505550142/);
    assert.match(rowText, /caller hangup/);
    await row.click();
    await page.waitForSelector('#detail:not([hidden]) .timeline');
    const detail = (await page.textContent('#detail'))!;
    assert.match(detail, /status of my order/i);
    assert.match(detail, /Acme/, 'the greeting is in the timeline');
    await screenshot(page, 'sipp-02-history-detail');
  });
});
