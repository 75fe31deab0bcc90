// SRTP interop with a real peer: baresip calls `frontdesk serve --mode echo` with SDES keys and
// mandatory SRTP (mediaenc=srtp-mand). It can only hear its speech back if both directions are
// encrypted and authenticated the way libsrtp does it; tshark confirms the answer was RTP/SAVP.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baresip } from '../helpers/baresip.js';
import { startFrontdesk } from '../helpers/frontdesk.js';
import { freeSipPort, freeRtpRange } from '../helpers/ports.js';
import { readWav } from '../../src/media/wav.js';
import { bestLagCorrelation, energyEnvelope, rms } from '../helpers/audio.js';

const work = mkdtempSync(join(tmpdir(), 'frontdesk-srtp-'));
const running: { stop(): Promise<unknown> }[] = [];
after(async () => {
  for (const r of running.reverse()) await r.stop();
});

test('baresip with mandatory SDES-SRTP hears its own speech echoed back', async () => {
  const said = join(work, 'said.wav');
  execFileSync('sox', ['-G', '../shared/eval/speech-dev/request-101.wav', '-r', '8000', '-c', '1', '-b', '16', said, 'pad', '0.5', '4']);
  const frontdesk = await startFrontdesk({ args: ['--mode', 'echo'] });
  running.push(frontdesk);
  const sipPort = await freeSipPort();
  const capture = join(work, 'sip.pcap');
  const tshark = spawn('tshark', ['-i', 'lo', '-f', `udp port ${frontdesk.sipPort}`, '-w', capture, '-a', 'duration:20'], { stdio: 'ignore' });
  running.push({ stop: async () => { if (tshark.exitCode !== null || tshark.signalCode !== null) return; tshark.kill('SIGINT'); await new Promise((r) => tshark.once('exit', r)); } });
  await new Promise((r) => setTimeout(r, 1500));
  const rtp = (await freeRtpRange(20)).split('-').map(Number) as [number, number];
  const phone = await Baresip.start({
    dir: join(work, 'phone'), sipPort, ctrlPort: await freeSipPort(), rtpPorts: rtp, audioFile: said,
    codecs: ['g711', 'srtp'], account: `<sip:peer@127.0.0.1:${sipPort}>;regint=0;mediaenc=srtp-mand`,
  });
  running.push(phone);
  await phone.command('dial', `sip:frontdesk@127.0.0.1:${frontdesk.sipPort}`);
  await phone.waitFor('CALL_ESTABLISHED');
  await new Promise((r) => setTimeout(r, 5000));
  await phone.command('hangup');
  await phone.waitFor('CALL_CLOSED');
  const heard = readWav(phone.heardRecordings()[0]!);
  const sent = readWav(said);
  assert.ok(rms(heard.samples) > 300, `echo over SRTP should carry speech energy, got RMS ${rms(heard.samples)}`);
  const match = bestLagCorrelation(energyEnvelope(sent.samples), energyEnvelope(heard.samples), 50);
  assert.ok(match.r > 0.8, `echoed speech follows the sent speech (r=${match.r.toFixed(2)})`);
  tshark.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  const sdp = execFileSync('tshark', ['-r', capture, '-Y', 'sdp', '-T', 'fields', '-e', 'sdp.media', '-e', 'sdp.media_attr'], { encoding: 'utf8' });
  const lines = sdp.trim().split('\n');
  assert.ok(lines.length >= 2, 'offer and answer captured');
  assert.ok(lines.every((line) => /RTP\/SAVP/.test(line) && /crypto:/.test(line)), `both SDPs are RTP/SAVP with a=crypto:\n${sdp}`);
});
