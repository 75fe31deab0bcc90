// The compiled program: `npm run build`'s steps into a scratch install (bin/, dist/, the sample
// config, no src/), then `node bin/frontdesk.js serve` from it answers a real call with the
// assistant's spoken greeting (speech worker threads load from dist) and serves the dashboard assets.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, runFrontdesk, startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { freeRtpRange } from '../helpers/ports.js';
import { readWav } from '../../src/media/wav.js';
import { rms } from '../helpers/audio.js';

const run = promisify(execFile);
const install = mkdtempSync(join(tmpdir(), 'frontdesk-build-'));
const running: FrontdeskProcess[] = [];
after(async () => {
  for (const r of running) await r.stop('SIGKILL');
});

test('the build (tsc + assets) runs from dist: serve answers with speech, the dashboard loads', { timeout: 150_000 }, async () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.equal(pkg.scripts.build, 'tsc -p tsconfig.build.json && node scripts/copy-assets.mjs');
  const dist = join(install, 'dist');
  await run(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dist], { cwd: REPO_ROOT });
  await run(process.execPath, [join(REPO_ROOT, 'scripts/copy-assets.mjs'), dist], { cwd: REPO_ROOT });
  mkdirSync(join(install, 'bin'));
  cpSync(join(REPO_ROOT, 'bin/frontdesk.js'), join(install, 'bin/frontdesk.js'));
  cpSync(join(REPO_ROOT, 'package.json'), join(install, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'config'), join(install, 'config'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(install, 'node_modules'));
  assert.ok(!existsSync(join(install, 'src')), 'nothing can come from the TypeScript sources');
  const bin = join(install, 'bin/frontdesk.js');

  // The sample config's default mode: the assistant, with its speech workers.
  const frontdesk = await startFrontdesk({ bin, env: { FRONTDESK_FROM_SOURCE: '' } });
  running.push(frontdesk);
  const page = await fetch(`http://127.0.0.1:${frontdesk.httpPort}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<html/i);

  const recording = join(install, 'greeting.wav');
  const call = await runFrontdesk(['call', `sip:frontdesk@127.0.0.1:${frontdesk.sipPort}`, '--record', recording, '--duration', '6'], {
    bin,
    env: { FRONTDESK_FROM_SOURCE: '', FRONTDESK_RTP_PORTS: await freeRtpRange(10), FRONTDESK_LOG_LEVEL: 'warn' },
  });
  assert.equal(call.code, 0, call.stderr);
  const heard = readWav(recording);
  assert.ok(rms(heard.samples) > 200, `the caller hears the spoken greeting (RMS ${rms(heard.samples).toFixed(0)})\n${frontdesk.output().slice(-2000)}`);
  assert.equal(await frontdesk.stop(), 0);
});
