// Codec interop with a real peer: baresip calls `frontdesk serve --mode echo` offering only G.722,
// only Opus, then only PCMA; what baresip hears back (decoded by its own codec) must follow what it said.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baresip } from '../helpers/baresip.js';
import { startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { freeSipPort, freeRtpRange } from '../helpers/ports.js';
import { readWav } from '../../src/media/wav.js';
import { bestLagCorrelation, energyEnvelope, rms } from '../helpers/audio.js';

const work = mkdtempSync(join(tmpdir(), 'frontdesk-codec-interop-'));
const running: { stop(): Promise<unknown> }[] = [];
let frontdesk: FrontdeskProcess;

/** Speech from the dev corpus, padded (baresip hangs up when its WAV ends), at the codec's own rate and
 *  channel count: baresip 1.0's aufile refuses any other. */
function speechAt(rate: number, channels: number): string {
  const file = join(work, `said-${rate}-${channels}.wav`);
  execFileSync('sox', ['-G', '../shared/eval/speech-dev/request-101.wav', '-r', String(rate), '-c', String(channels), '-b', '16', file, 'pad', '0.5', '4']);
  return file;
}

before(async () => {
  frontdesk = await startFrontdesk({ args: ['--mode', 'echo'], config: { media: { codecs: ['PCMU', 'PCMA', 'G722', 'opus'] } } });
  running.push(frontdesk);
});
after(async () => {
  for (const r of running.reverse()) await r.stop();
});

/** One echo call from baresip with only `modules` loaded (and `codecFilter`, when one module offers several). */
async function echoCall(name: string, modules: string[], codecFilter: string, said: string): Promise<{ decoder: string; heardRate: number; r: number; lag: number; level: number }> {
  const sipPort = await freeSipPort();
  let ctrlPort = await freeSipPort();
  while (ctrlPort === sipPort + 1 || ctrlPort === sipPort) ctrlPort = await freeSipPort();
  const dir = join(work, name);
  const phone = await Baresip.start({
    dir,
    sipPort,
    ctrlPort,
    rtpPorts: (await freeRtpRange(20)).split('-').map(Number) as [number, number],
    audioFile: said,
    codecs: modules,
    account: `<sip:peer@127.0.0.1:${sipPort}>;regint=0;answermode=auto${codecFilter ? `;audio_codecs=${codecFilter}` : ''}`,
  });
  running.push(phone);
  await phone.command('dial', `sip:frontdesk@127.0.0.1:${frontdesk.sipPort}`);
  await phone.waitFor('CALL_ESTABLISHED');
  await new Promise((r) => setTimeout(r, 5000));
  await phone.command('hangup');
  await phone.waitFor('CALL_CLOSED');
  await phone.stop();
  const decoder = /Set audio decoder: (\S+)/.exec(phone.output())?.[1] ?? 'none';
  const recordings = readdirSync(join(dir, 'rec')).filter((f) => f.endsWith('-dec.wav'));
  assert.equal(recordings.length, 1, `one decoded recording, got ${recordings.join(', ')}`);
  const heard = readWav(join(dir, 'rec', recordings[0]!));
  const sent = readWav(said);
  const frame = (rate: number) => rate / 50; // 20 ms envelopes whatever the decoder's rate
  const match = bestLagCorrelation(energyEnvelope(sent.samples, frame(sent.sampleRate)), energyEnvelope(heard.samples, frame(heard.sampleRate)), 50);
  return { decoder, heardRate: heard.sampleRate, r: match.r, lag: match.lag, level: rms(heard.samples) };
}

for (const [label, modules, filter, rate, channels, encoding] of [
  ['G.722', ['g722'], '', 16000, 1, 'G722'],
  ['Opus', ['opus'], '', 48000, 2, 'opus'],
  ['PCMA', ['g711'], 'PCMA', 8000, 1, 'PCMA'],
] as const) {
  test(`echo over ${label}: baresip offering only ${label} hears back what it said`, async (t) => {
    const result = await echoCall(label.replace('.', ''), [...modules], filter, speechAt(rate, channels));
    t.diagnostic(`${label}: r=${result.r.toFixed(3)} lag=${result.lag} frames, RMS ${result.level.toFixed(0)}`);
    assert.equal(result.decoder, encoding, 'baresip decodes the codec it was limited to');
    assert.equal(result.heardRate, rate, `baresip decoded ${label} at its native rate`);
    assert.ok(result.level > 300, `echo should carry speech energy, got RMS ${result.level.toFixed(0)}`);
    assert.ok(result.r > 0.8, `echoed speech should follow the sent speech (r=${result.r.toFixed(2)} at lag ${result.lag})`);
  });
}
