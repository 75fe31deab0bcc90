// `frontdesk doctor` against the local fakes: a healthy setup passes; missing secrets, refused
// credentials, a missing device, an unreachable SIP proxy and an unknown model each give one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRingCentralFake, type RingCentralFake } from '../fakes/ringcentral.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai.js';
import { startWatsonFake, type WatsonFake } from '../fakes/watson.js';
import { runDoctor } from '../../src/cli/commands/doctor.js';
import { parseConfig } from '../../src/config/load.js';

let rc: RingCentralFake;
let openai: OpenAIFake;
let watson: WatsonFake;
let proxy: Server;
let proxyPort: number;

before(async () => {
  proxy = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as { port: number }).port;
  rc = await startRingCentralFake({ clientId: 'cid', clientSecret: 'cs', jwt: 'jwt', sip: { domain: '127.0.0.1', proxy: `127.0.0.1:${proxyPort}`, userName: '1650', password: 'pw', authorizationId: '80' } });
  openai = await startOpenAIFake({ apiKey: 'sk-1' });
  watson = await startWatsonFake();
});
after(async () => {
  await Promise.all([rc.close(), openai.close(), watson.close()]);
  proxy.close();
});

const cloudConfig = (overrides: Record<string, unknown> = {}) =>
  parseConfig({ telephony: 'ringcentral', brain: 'openai', speech: { stt: 'watson', tts: 'openai' }, cloud: { ringcentral: { transport: 'tcp' }, watson: { iamUrl: watson.iamUrl }, ...overrides } }, 'test', {});
const goodEnv = () => ({
  RINGCENTRAL_SERVER_URL: rc.url, RINGCENTRAL_CLIENT_ID: 'cid', RINGCENTRAL_CLIENT_SECRET: 'cs', RINGCENTRAL_JWT: 'jwt',
  WATSON_SPEECH2TEXT_API_KEY: 'watson-test-key', STT_INSTANCE_ID: 'fake', WATSON_STT_URL: watson.url,
  GPT_SERVER_URL: openai.url, GPT_API_KEY: 'sk-1',
});

test('every configured provider healthy: no problems', async () => {
  assert.deepEqual(await runDoctor(cloudConfig(), goodEnv()), []);
});

test('one line per problem, each with a fix', async () => {
  const env = { ...goodEnv(), RINGCENTRAL_JWT: '', GPT_API_KEY: 'sk-bad', WATSON_SPEECH2TEXT_API_KEY: 'nope' };
  const problems = await runDoctor(cloudConfig(), env);
  assert.deepEqual(problems.map((p) => p.provider).sort(), ['openai', 'ringcentral', 'watson']);
  assert.deepEqual(problems.find((p) => p.provider === 'ringcentral'), { provider: 'ringcentral', problem: 'JWT is not set', fix: 'put it in env RINGCENTRAL_JWT' });
  assert.match(problems.find((p) => p.provider === 'watson')!.problem, /Provided API key could not be found/);
  assert.match(problems.find((p) => p.provider === 'openai')!.problem, /refused \(401\)/);
});

test('refused client secret, missing device, unreachable proxy, unknown model', async () => {
  let problems = await runDoctor(cloudConfig(), { ...goodEnv(), RINGCENTRAL_CLIENT_SECRET: 'wrong', GPT_MODEL: 'gpt-9' });
  assert.match(problems[0]!.fix, /client id and secret/);
  assert.match(problems[1]!.problem, /model "gpt-9" is not offered/);
  problems = await runDoctor(cloudConfig({ ringcentral: { transport: 'tcp', deviceName: 'Lobby phone' } }), goodEnv());
  assert.match(problems[0]!.problem, /no "Existing Phone"/);
  rc.state.sip.proxy = '127.0.0.1:9';
  problems = await runDoctor(cloudConfig(), goodEnv());
  rc.state.sip.proxy = `127.0.0.1:${proxyPort}`;
  assert.match(problems[0]!.problem, /SIP outbound proxy 127\.0\.0\.1:9 unreachable/);
});

test('the CLI prints the lines and exits 1; offline config passes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
  try {
    writeFileSync(join(dir, 'cloud.yaml'), 'telephony: ringcentral\n');
    const bad = spawnSync(process.execPath, ['bin/frontdesk.js', 'doctor', '-c', join(dir, 'cloud.yaml')], { encoding: 'utf8', env: { PATH: process.env.PATH, FRONTDESK_FROM_SOURCE: '1', FRONTDESK_LOG_LEVEL: 'silent' } });
    assert.equal(bad.status, 1);
    assert.deepEqual(bad.stdout.trim().split('\n'), [
      'ringcentral: client id is not set — fix: put it in env RINGCENTRAL_CLIENT_ID',
      'ringcentral: client secret is not set — fix: put it in env RINGCENTRAL_CLIENT_SECRET',
      'ringcentral: JWT is not set — fix: put it in env RINGCENTRAL_JWT',
    ]);
    const good = spawnSync(process.execPath, ['bin/frontdesk.js', 'doctor'], { encoding: 'utf8', env: { PATH: process.env.PATH, FRONTDESK_FROM_SOURCE: '1', FRONTDESK_LOG_LEVEL: 'silent' } });
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /no cloud provider configured/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
