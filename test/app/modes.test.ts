// `frontdesk serve --mode echo|playback` answering a real baresip soft-phone: what baresip hears
// must be what it said (echo) or the tone we play (playback).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baresip } from '../helpers/baresip.js';
import { startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { freeSipPort, freeRtpRange } from '../helpers/ports.js';
import { readWav, writeWav } from '../../src/media/wav.js';
import { bestLagCorrelation, dominantFrequency, energyEnvelope, rms } from '../helpers/audio.js';

const work = mkdtempSync(join(tmpdir(), 'frontdesk-modes-'));
const running: { stop(): Promise<unknown> }[] = [];
after(async () => {
  for (const r of running.reverse()) await r.stop();
});

async function baresipCalling(frontdesk: FrontdeskProcess, audioFile: string, name: string): Promise<Baresip> {
  const rtp = (await freeRtpRange(20)).split('-').map(Number) as [number, number];
  const phone = await Baresip.start({
    dir: join(work, name),
    sipPort: await freeSipPort(),
    ctrlPort: await freeSipPort(),
    rtpPorts: rtp,
    audioFile,
  });
  running.push(phone);
  await phone.command('dial', `sip:frontdesk@127.0.0.1:${frontdesk.sipPort}`);
  await phone.waitFor('CALL_ESTABLISHED');
  return phone;
}

test('echo mode: baresip hears back what it said', async () => {
  // Speech from the dev corpus, padded: baresip hangs up when its WAV ends.
  const said = join(work, 'said.wav');
  execFileSync('sox', ['-G', '../shared/eval/speech-dev/request-101.wav', '-r', '8000', '-c', '1', '-b', '16', said, 'pad', '0.5', '4']);
  const frontdesk = await startFrontdesk({ args: ['--mode', 'echo'] });
  running.push(frontdesk);
  const phone = await baresipCalling(frontdesk, said, 'echo');
  await new Promise((r) => setTimeout(r, 5000));
  await phone.command('hangup');
  await phone.waitFor('CALL_CLOSED');
  const heard = readWav(phone.heardRecordings()[0]!);
  const sent = readWav(said);
  assert.ok(rms(heard.samples) > 300, `echo should carry speech energy, got RMS ${rms(heard.samples)}`);
  const match = bestLagCorrelation(energyEnvelope(sent.samples), energyEnvelope(heard.samples), 50);
  assert.ok(match.r > 0.8, `echoed speech should follow the sent speech (r=${match.r.toFixed(2)} at lag ${match.lag})`);
  const health = await frontdesk.healthz();
  assert.equal(health.sip.activeCalls, 0);
});

test('playback mode: baresip hears the 1 kHz tone we play, then we hang up', async () => {
  const tone = join(work, 'tone.wav');
  const samples = Int16Array.from({ length: 8000 * 2 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)));
  writeWav(tone, { samples, sampleRate: 8000 });
  const silence = join(work, 'quiet.wav');
  writeWav(silence, { samples: new Int16Array(8000 * 10), sampleRate: 8000 });
  const frontdesk = await startFrontdesk({ args: ['--mode', 'playback', '--play', tone] });
  running.push(frontdesk);
  const phone = await baresipCalling(frontdesk, silence, 'playback');
  const closed = await phone.waitFor('CALL_CLOSED', 10_000);
  assert.ok(closed, 'frontdesk hangs up after playing the file');
  const heard = readWav(phone.heardRecordings()[0]!);
  const loud = heard.samples.filter((s) => Math.abs(s) > 1000).length;
  assert.ok(loud > 8000, 'most of the two seconds should be audible tone');
  assert.equal(dominantFrequency(heard.samples, heard.sampleRate), 1000);
});
