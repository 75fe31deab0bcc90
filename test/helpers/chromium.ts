// Real headless Chromium (Debian /usr/bin/chromium) through playwright-core, with a fake microphone
// playing a WAV file. Screenshots go to $FRONTDESK_SCREENSHOTS or a temp dir (printed) to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Converts a WAV (e.g. a corpus file) to what Chromium's fake capture wants: 48 kHz mono s16, padded. */
export function fakeMicrophoneWav(source: string, dir: string, padSeconds = 0.5): string {
  const out = join(dir, 'fake-mic-48k.wav');
  execFileSync('sox', [source, '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', out, 'pad', String(padSeconds), String(padSeconds)]);
  return out;
}

export async function launchChromium(options: { fakeAudio?: string } = {}): Promise<Browser> {
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required',
  ];
  if (options.fakeAudio) args.push(`--use-file-for-fake-audio-capture=${options.fakeAudio}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true });
}

let screenshotDir: string | undefined;

/** Saves a full-page screenshot and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!screenshotDir) {
    screenshotDir = process.env.FRONTDESK_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'frontdesk-screenshots-'));
    mkdirSync(screenshotDir, { recursive: true });
  }
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}
