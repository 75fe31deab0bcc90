// kamailio as registrar (digest, qop=auth) and proxy: frontdesk registers, refreshes a short
// registration, takes calls routed through kamailio (Record-Route honoured both ways), un-registers
// on stop; a wrong password gives one clear log line per attempt cycle and exponential backoff.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { RegistrationStatus } from '../../src/telephony/sip-trunk.js';
import { startKamailio, type Kamailio } from '../helpers/kamailio.js';
import { killAllSipp, runSipp, startSipp } from '../helpers/sipp.js';
import { answerAndEcho, startTrunk, type TrunkHarness } from './trunk-harness.js';

const scenarios = new URL('./scenarios/', import.meta.url).pathname;
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  killAllSipp();
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

function waitFor<T>(check: () => T | undefined, ms: number, what: string): Promise<T> {
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

let kam: Kamailio;
let harness: TrunkHarness;
const statuses: RegistrationStatus[] = [];

test('registers with digest at kamailio and refreshes before expiry', async () => {
  kam = await startKamailio({ users: { frontdesk: 's3cret' }, minExpires: 4 });
  cleanups.push(() => kam.stop());
  harness = await startTrunk({
    onIncoming: (incoming, h) => answerAndEcho(incoming, h),
    sip: { accounts: [{ name: 'kam', registrar: `sip:127.0.0.1:${kam.port}`, username: 'frontdesk', password: 's3cret', expires: 4 }] },
  });
  cleanups.push(() => harness.stop());
  harness.telephony.on('registration', (s) => statuses.push(s));
  await waitFor(() => statuses.find((s) => s.state === 'registered'), 5000, 'registration');
  assert.ok(kam.contacts('frontdesk').some((c) => c.includes(`:${harness.port}`)), kam.contacts('frontdesk').join());
  // Expires 4 s → refreshed at ~3.2 s; the contact must survive past the first expiry.
  await waitFor(() => statuses.filter((s) => s.state === 'registered').length >= 2 || undefined, 6000, 'a refresh');
  await new Promise((r) => setTimeout(r, 1500));
  assert.ok(kam.contacts('frontdesk').length >= 1);
  const status = harness.telephony.status().registrations[0]!;
  assert.equal(status.state, 'registered');
  assert.ok(status.expiresAt!.getTime() > Date.now());
});

test('a sipp call through kamailio reaches frontdesk; in-dialog requests follow the Record-Route', async () => {
  const result = await runSipp({ scenario: `${scenarios}uac-info.xml`, target: `127.0.0.1:${kam.port}`, service: 'frontdesk', timeoutSec: 10 });
  assert.equal(result.code, 0, result.stdout.slice(-2500));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(harness.calls.length, 1);
  assert.ok(harness.calls[0]!.facts.header('Record-Route')?.includes(`127.0.0.1:${kam.port}`));
  assert.deepEqual(harness.dtmf.map((d) => d.digit), ['5', '7']);
  assert.deepEqual(harness.hangups.map((h) => h.by), ['remote']);
});

test('our BYE reaches the caller through kamailio (route set used)', async () => {
  harness.calls.length = 0;
  harness.telephony.removeAllListeners('incoming');
  harness.telephony.on('incoming', (incoming) => {
    void incoming.answer().then((call) => {
      harness.calls.push(call);
      setTimeout(() => void call.hangup('test done'), 300);
    });
  });
  const result = await runSipp({ scenario: `${scenarios}uac-wait-bye.xml`, target: `127.0.0.1:${kam.port}`, service: 'frontdesk', timeoutSec: 10 });
  assert.equal(result.code, 0, result.stdout.slice(-2500));
  assert.equal(harness.calls.length, 1);
  assert.equal(harness.calls[0]!.ended, true);
});

test('stop() un-registers', async () => {
  await harness.stop();
  await waitFor(() => kam.contacts('frontdesk').length === 0 || undefined, 3000, 'contact removal');
});

test('a wrong password: one clear log line per attempt cycle, exponential backoff', async () => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const bad = await startTrunk({
    logger: pino({ level: 'info' }, sink),
    sip: {
      accounts: [{ name: 'kamwrong', registrar: `sip:127.0.0.1:${kam.port}`, username: 'frontdesk', password: 'wrong', expires: 60 }],
      registration: { retryBaseSeconds: 0.4, maxRetrySeconds: 30, keepAliveSeconds: 30 },
    },
  });
  cleanups.push(() => bad.stop());
  const failures: RegistrationStatus[] = [];
  bad.telephony.on('registration', (s) => s.state === 'failed' && failures.push(s));
  await waitFor(() => failures.length >= 3 || undefined, 8000, 'three failed cycles');
  await bad.stop();
  const rejected = lines.map((l) => JSON.parse(l).msg as string).filter((m) => m.includes('rejected'));
  assert.equal(rejected.length, failures.length);
  assert.equal(rejected[0], 'registration for kamwrong rejected: 401 wrong credentials; retrying in 0.4s');
  assert.equal(rejected[1], 'registration for kamwrong rejected: 401 wrong credentials; retrying in 0.8s');
  assert.equal(rejected[2], 'registration for kamwrong rejected: 401 wrong credentials; retrying in 1.6s');
  assert.ok(!lines.join('').includes('"wrong"'), lines.filter((l) => l.includes('"wrong"')).join('\n'));
  assert.equal(failures[0]!.error, '401 wrong credentials');
});

test('registration over TCP; kamailio routes a call to us over TCP', async () => {
  const tcp = await startTrunk({
    sip: { accounts: [{ name: 'kamtcp', registrar: `sip:127.0.0.1:${kam.port};transport=tcp`, username: 'frontdesk', password: 's3cret', expires: 60 }],
      registration: { retryBaseSeconds: 1, maxRetrySeconds: 30, keepAliveSeconds: 1 } },
  });
  cleanups.push(() => tcp.stop());
  const states: RegistrationStatus[] = [];
  tcp.telephony.on('registration', (s) => states.push(s));
  await waitFor(() => states.find((s) => s.state === 'registered'), 5000, 'TCP registration');
  assert.ok(kam.contacts('frontdesk').some((c) => /transport=tcp/i.test(c)), kam.contacts('frontdesk').join());
  await new Promise((r) => setTimeout(r, 1500)); // CRLF keep-alives flow meanwhile; the registration stays up
  assert.equal(tcp.telephony.status().registrations[0]!.state, 'registered');
  const result = await runSipp({ scenario: `${scenarios}uac-info.xml`, target: `127.0.0.1:${kam.port}`, service: 'frontdesk', timeoutSec: 10 });
  assert.equal(result.code, 0, result.stdout.slice(-2500));
  assert.equal(tcp.calls.length, 1);
  assert.equal(tcp.calls[0]!.facts.peer.transport, 'tcp');
  await tcp.stop();
});

test('423 Interval Too Brief: the REGISTER is retried with Min-Expires', async () => {
  const registrar = await startSipp({ scenario: `${scenarios}registrar-423.xml`, timeoutSec: 10 });
  const h = await startTrunk({
    sip: { accounts: [{ name: 'short', registrar: `sip:127.0.0.1:${registrar.port}`, username: 'frontdesk', password: 'x', expires: 30 }] },
  });
  cleanups.push(() => h.stop());
  const states: RegistrationStatus[] = [];
  h.telephony.on('registration', (s) => states.push(s));
  const registered = await waitFor(() => states.find((s) => s.state === 'registered'), 5000, 'registration after 423');
  const seconds = (registered.expiresAt!.getTime() - Date.now()) / 1000;
  assert.ok(seconds > 100 && seconds <= 120, `granted ${seconds}s`);
  assert.equal((await registrar.done).code, 0);
});

test('registrar lost (keep-alive OPTIONS time out) → failed, backoff, re-registered when it returns', async () => {
  const lost = await startKamailio({ users: { frontdesk: 's3cret' } });
  const port = lost.port;
  let current: Kamailio = lost;
  cleanups.push(() => current.stop());
  const h = await startTrunk({
    sip: { accounts: [{ name: 'flaky', registrar: `sip:127.0.0.1:${port}`, username: 'frontdesk', password: 's3cret', expires: 300 }],
      registration: { retryBaseSeconds: 0.5, maxRetrySeconds: 2, keepAliveSeconds: 1 }, timers: { t1: 50, t2: 200, t4: 200 } },
  });
  cleanups.push(() => h.stop());
  const states: RegistrationStatus[] = [];
  h.telephony.on('registration', (s) => states.push(s));
  await waitFor(() => states.find((s) => s.state === 'registered'), 5000, 'first registration');
  await lost.stop();
  const failed = await waitFor(() => states.find((s) => s.state === 'failed'), 10_000, 'loss detected');
  assert.match(failed.error!, /keep-alive failed|408/);
  current = await startKamailio({ users: { frontdesk: 's3cret' }, port });
  const since = states.length;
  await waitFor(() => states.slice(since).find((s) => s.state === 'registered'), 10_000, 're-registration');
  assert.ok(current.contacts('frontdesk').some((c) => c.includes(`:${h.port}`)));
  await h.stop();
});
