// `frontdesk call` against real peers: a `frontdesk serve --mode echo` process (what we play comes
// back into the recording, /healthz counts the call live), baresip receiving our RFC 4733 digits,
// a sipp UAS answering 486, and a target that never answers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baresip } from '../helpers/baresip.js';
import { runFrontdesk, startFrontdesk } from '../helpers/frontdesk.js';
import { freeRtpRange, freeSipPort } from '../helpers/ports.js';
import { killAllSipp, startSipp } from '../helpers/sipp.js';
import { readWav, writeWav } from '../../src/media/wav.js';
import { bestLagCorrelation, energyEnvelope, rms } from '../helpers/audio.js';

const work = mkdtempSync(join(tmpdir(), 'frontdesk-call-'));
const running: { stop(): Promise<unknown> }[] = [];
after(async () => {
  for (const r of running.reverse()) await r.stop();
  killAllSipp();
});

const callEnv = async () => ({ FRONTDESK_RTP_PORTS: await freeRtpRange(20), FRONTDESK_LOG_LEVEL: 'warn' });

test('--play/--record against `serve --mode echo`: the recording carries what we played; /healthz counts the call', async () => {
  const said = join(work, 'said.wav');
  execFileSync('sox', ['-G', '../shared/eval/speech-dev/request-101.wav', '-r', '8000', '-c', '1', '-b', '16', said, 'pad', '0.3', '1']);
  const frontdesk = await startFrontdesk({ args: ['--mode', 'echo'] });
  running.push(frontdesk);
  const recording = join(work, 'heard.wav');
  const seconds = Math.ceil(readWav(said).samples.length / 8000) + 1;
  const call = runFrontdesk(
    ['call', `sip:echo@127.0.0.1:${frontdesk.sipPort}`, '--play', said, '--record', recording, '--duration', String(seconds)],
    { env: await callEnv() },
  );
  let peak = 0;
  const poll = setInterval(() => {
    void frontdesk.healthz().then((h) => (peak = Math.max(peak, h.sip.activeCalls)), () => undefined);
  }, 200);
  const result = await call;
  clearInterval(poll);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /connected: PCMU\/8000/);
  assert.match(result.stdout, /ended \(local: duration reached\)/);
  assert.equal(peak, 1, '/healthz showed the call as active while it ran');
  assert.equal((await frontdesk.healthz()).sip.activeCalls, 0);

  const heard = readWav(recording);
  const sent = readWav(said);
  assert.ok(rms(heard.samples) > 300, `the echo carries speech energy (RMS ${rms(heard.samples)})`);
  const match = bestLagCorrelation(energyEnvelope(sent.samples), energyEnvelope(heard.samples), 50);
  assert.ok(match.r > 0.8, `the recording follows what we played (r=${match.r.toFixed(2)} at lag ${match.lag})`);
});

test('--dtmf: baresip receives the digits as RFC 4733 events', async () => {
  const quiet = join(work, 'quiet.wav');
  writeWav(quiet, { samples: new Int16Array(8000 * 10), sampleRate: 8000 });
  const sipPort = await freeSipPort();
  const phone = await Baresip.start({
    dir: join(work, 'dtmf'),
    sipPort,
    ctrlPort: await freeSipPort(),
    rtpPorts: (await freeRtpRange(20)).split('-').map(Number) as [number, number],
    audioFile: quiet,
  });
  running.push(phone);
  const result = await runFrontdesk(['call', `sip:peer@127.0.0.1:${sipPort}`, '--dtmf', '1934', '--duration', '4'], { env: await callEnv() });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /dtmf sent: 1934/);
  const digits = phone.events.filter((e) => e.type === 'CALL_DTMF_START').map((e) => e.param).join('');
  assert.equal(digits, '1934');
});

test('a 486 final response: status printed on one stderr line, exit 1', async () => {
  const uas = await startSipp({ scenario: new URL('../sip/scenarios/uas-busy.xml', import.meta.url).pathname, timeoutSec: 15 });
  const result = await runFrontdesk(['call', `sip:agent@127.0.0.1:${uas.port}`, '--duration', '2'], { env: await callEnv() });
  await uas.stop();
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^frontdesk: call to sip:agent@127\.0\.0\.1:\d+ failed: 486 Busy Here\n$/);
});

test('an unreachable target and a malformed URI: one line each, exit 1', async () => {
  const nobody = await freeSipPort();
  const silent = await runFrontdesk(['call', `sip:x@127.0.0.1:${nobody}`, '--answer-timeout', '2'], { env: await callEnv() });
  assert.equal(silent.code, 1);
  assert.match(silent.stderr, /^frontdesk: call to sip:x@127\.0\.0\.1:\d+ failed: no answer within 2 s\n$/);

  const refused = await runFrontdesk(['call', `sip:x@127.0.0.1:${nobody};transport=tcp`], { env: await callEnv() });
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  assert.match(refused.stderr, /^frontdesk: call to .* failed: /);

  const malformed = await runFrontdesk(['call', 'frontdesk-at-localhost']);
  assert.equal(malformed.code, 1);
  assert.match(malformed.stderr, /^frontdesk: "frontdesk-at-localhost" is not a SIP URI/);
});
