// RingCentral REST against the local fake: JWT grant + refresh before expiry, token expiry mid-call
// (401 → one re-auth), 429 with Retry-After / X-Rate-Limit-Window, provisioning, presence, call ids
// and the REST transfer the fake observes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRingCentralFake, type RingCentralFake } from '../fakes/ringcentral.js';
import { RingCentralAuth } from '../../src/telephony/ringcentral/auth.js';
import { RingCentralRest } from '../../src/telephony/ringcentral/rest.js';
import { RingCentralError } from '../../src/telephony/ringcentral/errors.js';
import { provisionSoftphone } from '../../src/telephony/ringcentral/provisioning.js';
import { PresenceLookup } from '../../src/telephony/ringcentral/presence.js';
import { parseApiIds, resolveCallIds, transferByRest } from '../../src/telephony/ringcentral/call-control.js';

let fake: RingCentralFake;
const creds = () => ({ server: fake.url, clientId: 'cid', clientSecret: 'csecret', jwt: 'the-jwt' });
const rest = (overrides: Partial<ReturnType<typeof creds>> = {}, margin = 120_000) => new RingCentralRest(fake.url, new RingCentralAuth({ ...creds(), ...overrides }, margin), { maxRateLimitWaitMs: 5000 });

before(async () => {
  fake = await startRingCentralFake({
    clientId: 'cid', clientSecret: 'csecret', jwt: 'the-jwt', accessTtlSeconds: 3600, deviceName: 'My SIP phone',
    sip: { domain: 'sip.example.test', proxy: '127.0.0.1:5090', proxyTls: '127.0.0.1:5096', userName: '16505550100', password: 'pw', authorizationId: '802500100' },
    extensions: [{ extensionNumber: '101' }, { extensionNumber: '102', telephonyStatus: 'CallConnected' }, { extensionNumber: '103', dndStatus: 'DoNotAcceptAnyCalls' }, { extensionNumber: '104', userStatus: 'Offline' }],
  });
});
after(() => fake.close());

test('JWT grant with Basic client auth; one token serves many calls', async () => {
  const api = rest();
  fake.state.requests.length = 0;
  await api.get('/restapi/v1.0/account/~/extension/~/device');
  await api.get('/restapi/v1.0/account/~/extension/~/device');
  const grant = fake.state.requests[0]!;
  assert.equal(grant.path, '/restapi/oauth/token');
  assert.equal(grant.authorization, `Basic ${Buffer.from('cid:csecret').toString('base64')}`);
  assert.deepEqual(Object.fromEntries(new URLSearchParams(grant.body)), { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'the-jwt' });
  assert.equal(fake.state.requests.filter((r) => r.path === '/restapi/oauth/token').length, 1);
  assert.match(fake.state.requests[1]!.authorization!, /^Bearer fake-at-/);
});

test('the token is refreshed before it expires (refresh grant, not the JWT again)', async () => {
  const short = await startRingCentralFake({ ...creds(), accessTtlSeconds: 2, sip: fake.state.sip });
  try {
    const api = new RingCentralRest(short.url, new RingCentralAuth({ ...creds(), server: short.url }, 1500));
    await api.get('/restapi/v1.0/account/~/extension');
    await new Promise((resolve) => setTimeout(resolve, 700));
    await api.get('/restapi/v1.0/account/~/extension');
    assert.deepEqual(short.state.grants, { jwt: 1, refresh: 1 });
  } finally {
    await short.close();
  }
});

test('token expiry mid-call: 401 → one re-auth and the call succeeds; a second 401 is an error', async () => {
  const api = rest();
  await api.get('/restapi/v1.0/account/~/extension');
  const before = fake.state.grants.jwt + fake.state.grants.refresh;
  fake.state.inject({ kind: 'expire-tokens' });
  const list = await api.get<{ records: unknown[] }>('/restapi/v1.0/account/~/extension');
  assert.equal(list.records.length, 4);
  assert.equal(fake.state.grants.jwt + fake.state.grants.refresh, before + 1);
  fake.state.inject({ kind: '401', path: '/extension' });
  fake.state.inject({ kind: '401', path: '/extension' });
  await assert.rejects(api.get('/restapi/v1.0/account/~/extension'), (error: RingCentralError) => error.status === 401 && error.errorCode === 'OAU-128');
});

test('429: Retry-After is honoured, else X-Rate-Limit-Window; a wait beyond the budget fails at once', async () => {
  const api = rest();
  fake.state.inject({ kind: '429', retryAfter: 1, path: '/extension' });
  let started = performance.now();
  await api.get('/restapi/v1.0/account/~/extension');
  assert.ok(performance.now() - started >= 950);
  fake.state.inject({ kind: '429', window: 1, path: '/extension' });
  started = performance.now();
  await api.get('/restapi/v1.0/account/~/extension');
  assert.ok(performance.now() - started >= 950);
  fake.state.inject({ kind: '429', retryAfter: 600, path: '/extension' });
  await assert.rejects(api.get('/restapi/v1.0/account/~/extension'), /429 CMN-301: Request rate exceeded/);
  fake.state.inject({ kind: '500', path: '/extension' });
  await api.get('/restapi/v1.0/account/~/extension');
});

test('wrong client secret or JWT: RingCentral OAuth errors come back readable', async () => {
  await assert.rejects(rest({ clientSecret: 'nope' }).get('/restapi/v1.0/account/~/extension'), /401 OAU-146: Invalid client/);
  await assert.rejects(rest({ jwt: 'stale' }).get('/restapi/v1.0/account/~/extension'), /400 OAU-140: Invalid resource owner credentials/);
});

test('provisioning picks the named OtherPhone device and returns its SIP credentials', async () => {
  const sip = await provisionSoftphone(rest(), 'My SIP phone');
  assert.deepEqual(sip, { domain: 'sip.example.test', userName: '16505550100', authorizationId: '802500100', password: 'pw', proxyTls: '127.0.0.1:5096', proxy: '127.0.0.1:5090', deviceId: '800500100' });
  await assert.rejects(provisionSoftphone(rest(), 'Desk phone'), /no "Existing Phone" \(OtherPhone\) device named "Desk phone"/);
});

test('agent availability from presence: free, on a call, DND, offline, unknown', async () => {
  const presence = new PresenceLookup(rest());
  assert.deepEqual((await presence.agentAvailability('101')).status, 'available');
  assert.deepEqual(await presence.agentAvailability('102').then((a) => [a.available, a.status]), [false, 'busy']);
  assert.deepEqual(await presence.agentAvailability('103').then((a) => [a.available, a.status]), [false, 'dnd']);
  assert.deepEqual(await presence.agentAvailability('104').then((a) => [a.available, a.status]), [false, 'offline']);
  assert.deepEqual(await presence.agentAvailability('999').then((a) => [a.available, a.status]), [false, 'unknown']);
  fake.state.extensions[0]!.telephonyStatus = 'Ringing';
  assert.equal((await presence.agentAvailability('101')).status, 'busy');
  fake.state.extensions[0]!.telephonyStatus = 'NoCall';
});

test('call ids from P-Rc-Api-Ids, else presence by Call-ID; blind transfer by REST', async () => {
  assert.deepEqual(parseApiIds('party-id=p-abc-1;session-id=s-xyz'), { sessionId: 's-xyz', partyId: 'p-abc-1' });
  assert.deepEqual(parseApiIds('Session-Id=s-1; Party-Id=p-1'), { sessionId: 's-1', partyId: 'p-1' });
  assert.equal(parseApiIds('garbage'), undefined);
  const api = rest();
  const session = fake.state.addCall('call-id-42@127.0.0.1');
  const ids = await resolveCallIds(api, { callId: 'call-id-42@127.0.0.1', header: () => undefined });
  assert.deepEqual(ids, { sessionId: session.id, partyId: session.partyId, source: 'rest' });
  await assert.rejects(resolveCallIds(api, { callId: 'unknown', header: () => undefined }, { attempts: 2, intervalMs: 10 }), /no telephony session/);
  const result = await transferByRest(api, ids, 'sip:101@sip.example.test');
  assert.equal(result.ok, true);
  assert.deepEqual(fake.state.transfers.at(-1), { sessionId: session.id, partyId: session.partyId, body: { extensionNumber: '101' } });
  const failed = await transferByRest(api, { ...ids, sessionId: 's-none' }, '101');
  assert.deepEqual([failed.ok, failed.status], [false, 404]);
  assert.match(failed.reason, /CMN-102/);
});
