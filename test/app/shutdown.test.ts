// Process lifecycle of the real `frontdesk serve`: SIGTERM drains (503 + Retry-After to new INVITEs,
// the call in progress goes on, un-REGISTER seen by kamailio, records kept); a second SIGTERM ends
// calls at once with a BYE; kill -9 mid-call leaves a record that the next start marks interrupted.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFrontdesk, startCli, startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { startKamailio } from '../helpers/kamailio.js';
import { freeRtpRange } from '../helpers/ports.js';
import { killAllSipp, runSipp } from '../helpers/sipp.js';
import { writeWav } from '../../src/media/wav.js';

const work = mkdtempSync(join(tmpdir(), 'frontdesk-shutdown-'));
const tone = join(work, 'tone.wav');
writeWav(tone, { samples: Int16Array.from({ length: 8000 }, (_, i) => Math.round(6000 * Math.sin(i / 3))), sampleRate: 8000 });
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  killAllSipp();
});

interface RecordJson { id: string; outcome: string; endedAt?: string }

async function records(dataDir: string): Promise<RecordJson[]> {
  const result = await runFrontdesk(['calls', '--json'], { env: { FRONTDESK_DATA_DIR: dataDir } });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as RecordJson[];
}

/** A `frontdesk call` into `frontdesk`, resolved once frontdesk's /healthz counts it. */
async function callInto(frontdesk: FrontdeskProcess, seconds: number) {
  const caller = startCli(['call', `sip:echo@127.0.0.1:${frontdesk.sipPort}`, '--play', tone, '--duration', String(seconds)], {
    env: { FRONTDESK_RTP_PORTS: await freeRtpRange(10), FRONTDESK_LOG_LEVEL: 'warn' },
  });
  cleanups.push(async () => caller.child.kill('SIGKILL'));
  const until = Date.now() + 15_000;
  while ((await frontdesk.healthz()).sip.activeCalls !== 1) {
    assert.ok(Date.now() < until, 'the call reached frontdesk');
    await new Promise((r) => setTimeout(r, 100));
  }
  return caller;
}

test('SIGTERM: un-REGISTER at once, 503 + Retry-After to new calls, the active call finishes, record kept', async () => {
  const kam = await startKamailio({ users: { frontdesk: 'desk-secret' } });
  cleanups.push(() => kam.stop());
  const frontdesk = await startFrontdesk({
    args: ['--mode', 'echo', '--grace', '30'],
    config: {
      sip: { accounts: [{ name: 'pbx', registrar: `sip:127.0.0.1:${kam.port}`, username: 'frontdesk', password: 'desk-secret', expires: 60 }] },
    },
  });
  cleanups.push(() => frontdesk.stop('SIGKILL'));
  const until = Date.now() + 10_000;
  while (kam.contacts('frontdesk').length === 0) {
    assert.ok(Date.now() < until, 'frontdesk registered with kamailio');
    await new Promise((r) => setTimeout(r, 100));
  }
  const health = await frontdesk.healthz();
  assert.equal(health.status, 'ok');
  assert.deepEqual(health.sip.registrations.map((r) => ({ ...(r as object), expiresAt: undefined })), [{ account: 'pbx', state: 'registered', expiresAt: undefined }]);
  const caller = await callInto(frontdesk, 12);

  frontdesk.child.kill('SIGTERM');
  await frontdesk.waitForOutput(/SIGTERM: finishing calls/);
  // uac-503.xml fails unless the 503 carries Retry-After: 30 (the --grace).
  const refused = await runSipp({ scenario: new URL('../sip/scenarios/uac-503.xml', import.meta.url).pathname, target: `127.0.0.1:${frontdesk.sipPort}`, timeoutSec: 10 });
  assert.equal(refused.code, 0, refused.logs.slice(-2000));
  // Withdrawn at SIGTERM, not at exit: the registrar sends new calls elsewhere while this one finishes.
  for (const until = Date.now() + 3000; kam.contacts('frontdesk').length > 0 && Date.now() < until;) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(kam.contacts('frontdesk'), [], 'un-REGISTER sent when draining began');
  assert.equal(frontdesk.child.exitCode, null, 'the call in progress still holds frontdesk open');

  const call = await caller.done;
  assert.equal(call.code, 0, call.stderr);
  assert.match(call.stdout, /ended \(local: duration reached\)/, 'the call in progress was not cut by the shutdown');
  assert.equal(await frontdesk.exited, 0);
  assert.deepEqual(kam.contacts('frontdesk'), [], 'the registration was removed');
  const [record] = await records(frontdesk.dataDir);
  assert.equal(record?.outcome, 'completed');
  assert.ok(record.endedAt, 'the record was finished before exit');
});

test('a second SIGTERM ends calls at once with a BYE, and the record is kept', async () => {
  const frontdesk = await startFrontdesk({ args: ['--mode', 'echo', '--grace', '60'] });
  cleanups.push(() => frontdesk.stop('SIGKILL'));
  const caller = await callInto(frontdesk, 40);
  frontdesk.child.kill('SIGTERM');
  await frontdesk.waitForOutput(/SIGTERM: finishing calls/);
  frontdesk.child.kill('SIGTERM');
  const call = await caller.done;
  assert.match(call.stdout, /ended \(remote: /, 'frontdesk hung up (BYE) rather than the caller');
  assert.equal(await frontdesk.exited, 0);
  const [record] = await records(frontdesk.dataDir);
  assert.equal(record?.outcome, 'completed');
  assert.ok(record.endedAt);
});

test('kill -9 mid-call: after a restart the call record is there, marked interrupted', async () => {
  const frontdesk = await startFrontdesk({ args: ['--mode', 'echo'] });
  cleanups.push(() => frontdesk.stop('SIGKILL'));
  const caller = await callInto(frontdesk, 40);
  await frontdesk.stop('SIGKILL');
  caller.child.kill('SIGKILL');
  const restarted = await startFrontdesk({ args: ['--mode', 'echo'], dataDir: frontdesk.dataDir });
  cleanups.push(() => restarted.stop('SIGKILL'));
  const list = await records(frontdesk.dataDir);
  assert.equal(list.length, 1);
  assert.equal(list[0]!.outcome, 'interrupted');
  assert.equal(await restarted.stop(), 0);
});
