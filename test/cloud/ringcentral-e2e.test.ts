// RingCentral end to end on loopback: the REST fake provisions credentials pointing at a real kamailio
// registrar (digest with authorizationId ≠ user, as RingCentral does); TLS to the proxy fails so the
// soft-phone falls back to TCP; sipp calls through kamailio; the call is transferred by REST (ids
// from P-Rc-Api-Ids, else presence by Call-ID), the fake observes it, and the platform's own BYE
// for the transferred leg finds it closed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startKamailio, type Kamailio } from '../helpers/kamailio.js';
import { killAllSipp, startSipp } from '../helpers/sipp.js';
import { freeRtpRange, freeSipPort } from '../helpers/ports.js';
import { startRingCentralFake, type RingCentralFake } from '../fakes/ringcentral.js';
import { configSchema } from '../../src/config/schema.js';
import { RingCentralTelephony } from '../../src/telephony/ringcentral/telephony.js';
import type { Call, HangupEvent, IncomingCall } from '../../src/telephony/call.js';
import type { RegistrationStatus } from '../../src/telephony/sip-trunk.js';

const scenario = new URL('./scenarios/rc-inbound.xml', import.meta.url).pathname;
const USER = '16505550100';
let kam: Kamailio;
let fake: RingCentralFake;
let rc: RingCentralTelephony;
const statuses: RegistrationStatus[] = [];
const answered: { call: Call; hangup: Promise<HangupEvent> }[] = [];
let beforeAnswer: (incoming: IncomingCall) => void = () => undefined;

function waitFor<T>(check: () => T | undefined | false, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value !== undefined && value !== false) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

before(async () => {
  kam = await startKamailio({ users: { [USER]: 'rc-s3cret' } });
  const closedTlsPort = await freeSipPort();
  fake = await startRingCentralFake({
    clientId: 'cid', clientSecret: 'cs', jwt: 'jwt', deviceName: 'My SIP phone',
    sip: { domain: '127.0.0.1', proxy: `127.0.0.1:${kam.port}`, proxyTls: `127.0.0.1:${closedTlsPort}`, userName: USER, password: 'rc-s3cret', authorizationId: '802500100' },
    extensions: [{ extensionNumber: '101' }, { extensionNumber: '102', telephonyStatus: 'CallConnected' }],
  });
  const config = configSchema.parse({
    telephony: 'ringcentral',
    sip: { host: '127.0.0.1', port: await freeSipPort(), allow: ['127.0.0.0/8'], timers: { t1: 100, t2: 400, t4: 500 }, registration: { retryBaseSeconds: 0.2, maxRetrySeconds: 1, keepAliveSeconds: 30 } },
    media: { rtpPorts: await freeRtpRange(100) },
    cloud: { ringcentral: { deviceName: 'My SIP phone', transport: 'tls' } },
  });
  rc = new RingCentralTelephony(config, { env: { RINGCENTRAL_SERVER_URL: fake.url, RINGCENTRAL_CLIENT_ID: 'cid', RINGCENTRAL_CLIENT_SECRET: 'cs', RINGCENTRAL_JWT: 'jwt' } });
  rc.on('registration', (status) => statuses.push(status));
  rc.on('incoming', (incoming) => {
    beforeAnswer(incoming);
    void incoming.answer().then((call) => answered.push({ call, hangup: new Promise((resolve) => call.once('hangup', resolve)) }));
  });
  await rc.start();
});
after(async () => {
  killAllSipp();
  await rc?.stop().catch(() => undefined);
  await fake?.close();
  await kam?.stop();
});

test('provisioned credentials register at the proxy; TLS failure falls back to TCP', async () => {
  await waitFor(() => statuses.find((s) => s.state === 'registered'), 10_000, 'registration');
  assert.ok(statuses.some((s) => s.state === 'failed'), 'the TLS attempt failed first');
  assert.ok(kam.contacts(USER).some((contact) => /transport=tcp/i.test(contact)), kam.contacts(USER).join());
  const sipInfo = fake.state.requests.find((r) => r.path.endsWith('/sip-info'));
  assert.equal(sipInfo?.path, '/restapi/v1.0/account/~/device/800500100/sip-info');
});

async function callAndTransfer(apiIds: string, target: string) {
  const sipp = await startSipp({ scenario, target: `127.0.0.1:${kam.port}`, service: USER, timeoutSec: 20, args: ['-key', 'apiids', apiIds] });
  const count = answered.length;
  const { call, hangup } = await waitFor(() => answered[count], 10_000, 'the answered call');
  const result = await call.transfer(target, { mode: 'refer' });
  return { sipp, call, hangup, result };
}

test('ids from P-Rc-Api-Ids: REST transfer observed by the fake, the leg ends as transferred', async () => {
  fake.state.addCall('set-by-header', { sessionId: 's-hdr', partyId: 'p-hdr-1' });
  const { sipp, hangup, result } = await callAndTransfer('P-Rc-Api-Ids: party-id=p-hdr-1;session-id=s-hdr', '101');
  assert.equal(result.ok, true, result.reason);
  assert.deepEqual(fake.state.transfers.at(-1), { sessionId: 's-hdr', partyId: 'p-hdr-1', body: { extensionNumber: '101' } });
  assert.equal((await hangup).by, 'transfer');
  const done = await sipp.done;
  assert.equal(done.code, 0, done.stdout.slice(-2000));
});

test('no header: ids from presence by SIP Call-ID; a failed transfer keeps the call and says why', async () => {
  beforeAnswer = (incoming) => void fake.state.addCall(incoming.facts.callId);
  const { sipp, call, result } = await callAndTransfer('X-No-Api-Ids: 1', '555');
  assert.equal(result.ok, false);
  assert.match(result.reason, /404 CMN-102/);
  assert.equal(call.ended, false, 'the caller is still with us');
  const retry = await call.transfer('sip:101@127.0.0.1', { mode: 'refer' });
  assert.equal(retry.ok, true);
  const transfer = fake.state.transfers.at(-1)!;
  assert.equal(fake.state.sessions.get(transfer.sessionId)?.callId, call.facts.callId);
  assert.deepEqual(transfer.body, { extensionNumber: '101' });
  assert.equal((await sipp.done).code, 0);
  beforeAnswer = () => undefined;
});

test('agent availability from RingCentral presence; stop un-registers', async () => {
  assert.equal((await rc.agentAvailability('101')).status, 'available');
  assert.equal((await rc.agentAvailability('sip:102@127.0.0.1')).status, 'busy');
  await rc.stop();
  assert.deepEqual(kam.contacts(USER), []);
});
