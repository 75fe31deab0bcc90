// SIGHUP on the real `frontdesk serve`: the edited config file applies to new calls while the call
// in progress goes on untouched; a broken file gives one error line and the running config stays.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT, runFrontdesk, startCli, startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { killAllSipp, runSipp, startSipp } from '../helpers/sipp.js';
import { callerScenario } from '../helpers/sipp-caller.js';
import { freeRtpRange } from '../helpers/ports.js';
import { readWav, writeWav } from '../../src/media/wav.js';
import { dominantFrequency } from '../helpers/audio.js';

const work = mkdtempSync(join(tmpdir(), 'frontdesk-reload-'));
const running: FrontdeskProcess[] = [];
after(async () => {
  for (const r of running) await r.stop('SIGKILL');
  killAllSipp();
});

function tone(name: string, hz: number, seconds: number): string {
  const path = join(work, name);
  const samples = Int16Array.from({ length: 8000 * seconds }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)));
  writeWav(path, { samples, sampleRate: 8000 });
  return path;
}

function call(frontdesk: FrontdeskProcess, recording: string, rtp: string) {
  return startCli(['call', `sip:playback@127.0.0.1:${frontdesk.sipPort}`, '--record', recording, '--duration', '15'], {
    env: { FRONTDESK_RTP_PORTS: rtp, FRONTDESK_LOG_LEVEL: 'warn' },
  });
}

test('SIGHUP: new calls use the edited config, the call in progress is not dropped, a broken file is refused', async () => {
  const long1k = tone('a.wav', 1000, 4);
  const short500 = tone('b.wav', 500, 1);
  const frontdesk = await startFrontdesk({ config: { mode: 'playback', playbackFile: long1k } });
  running.push(frontdesk);

  const first = call(frontdesk, join(work, 'first.wav'), await freeRtpRange(10));
  const until = Date.now() + 15_000;
  while ((await frontdesk.healthz()).sip.activeCalls !== 1) {
    assert.ok(Date.now() < until, 'the first call reached frontdesk');
    await new Promise((r) => setTimeout(r, 100));
  }
  writeFileSync(frontdesk.configFile, stringify({ mode: 'playback', playbackFile: short500 }));
  frontdesk.child.kill('SIGHUP');
  await frontdesk.waitForOutput(/configuration reloaded/);

  const firstResult = await first.done;
  assert.equal(firstResult.code, 0, firstResult.stderr);
  assert.match(firstResult.stdout, /ended \(remote: /, 'frontdesk hung up after playing the file');
  const firstHeard = readWav(join(work, 'first.wav'));
  assert.ok(firstHeard.samples.length > 8000 * 3.5, 'the whole 4 s file reached the first caller');
  assert.equal(dominantFrequency(firstHeard.samples, 8000), 1000, 'the first call kept its configuration');

  const second = await call(frontdesk, join(work, 'second.wav'), await freeRtpRange(10)).done;
  assert.equal(second.code, 0, second.stderr);
  assert.equal(dominantFrequency(readWav(join(work, 'second.wav')).samples, 8000), 500, 'a new call uses the reloaded file');

  writeFileSync(frontdesk.configFile, 'mode: playback\nplaybackFile: [unclosed\n');
  const before = frontdesk.output().length;
  frontdesk.child.kill('SIGHUP');
  await frontdesk.waitForOutput(/configuration reload failed/);
  const newLines = frontdesk.output().slice(before).split('\n').filter(Boolean);
  assert.equal(newLines.length, 1, `one error line:\n${newLines.join('\n')}`);
  assert.match(newLines[0]!, /config\.yaml: playbackFile: |config\.yaml: \(top level\): invalid YAML/);

  const third = await call(frontdesk, join(work, 'third.wav'), await freeRtpRange(10)).done;
  assert.equal(third.code, 0, third.stderr);
  assert.equal(dominantFrequency(readWav(join(work, 'third.wav')).samples, 8000), 500, 'the running configuration stayed');
  assert.equal((await runFrontdesk(['calls', '--json'], { env: { FRONTDESK_DATA_DIR: frontdesk.dataDir } })).code, 0);
  assert.equal(await frontdesk.stop(), 0);
});

/** A caller from `number`: expects 603 when blocked, or 200 then holds the call `holdMs` and hangs up. */
const caller = (number: string, expect: 'blocked' | 'answered', holdMs = 0) =>
  callerScenario({ from: number, telephoneEvent: false, ...(expect === 'blocked' ? { final: 603 } : { steps: [{ pauseMs: holdMs }] }) });

test('SIGHUP in assistant mode: a number blocked in the edited file gets 603, the call already talking goes on', async () => {
  const sample = parse(readFileSync(`${REPO_ROOT}/config/frontdesk.yaml`, 'utf8')) as { assistant: { blocked: string[] } };
  sample.assistant.blocked = [];
  const frontdesk = await startFrontdesk({ config: sample });
  running.push(frontdesk);
  const target = `127.0.0.1:${frontdesk.sipPort}`;
  const talking = await startSipp({ scenario: caller('+16505550177', 'answered', 6000), target, timeoutSec: 20 });
  const until = Date.now() + 15_000;
  while ((await frontdesk.healthz()).sip.activeCalls !== 1) {
    assert.ok(Date.now() < until, 'the first call reached frontdesk');
    await new Promise((r) => setTimeout(r, 100));
  }
  sample.assistant.blocked = ['+1 650-555-0177'];
  writeFileSync(frontdesk.configFile, stringify(sample));
  frontdesk.child.kill('SIGHUP');
  await frontdesk.waitForOutput(/configuration reloaded/);

  const refused = await runSipp({ scenario: caller('+16505550177', 'blocked'), target, timeoutSec: 10 });
  assert.equal(refused.code, 0, `the newly blocked number gets 603:\n${refused.logs.slice(-2000)}`);
  const first = await talking.done;
  assert.equal(first.code, 0, `the call in progress ended by its own BYE:\n${first.logs.slice(-2000)}`);
  assert.equal(await frontdesk.stop(), 0);
  const list = JSON.parse((await runFrontdesk(['calls', '--json'], { env: { FRONTDESK_DATA_DIR: frontdesk.dataDir } })).stdout) as { outcome: string }[];
  assert.deepEqual(list.map((c) => c.outcome).sort(), ['caller-hangup', 'rejected-blocked']);
});
