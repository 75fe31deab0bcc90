// Outbound legs and call policy against real sipp peers: dial with digest (407), a busy target (486,
// ACKed by the client transaction), bridge transfer, 2xx retransmission until ACK (then BYE),
// session-timer 422/200, access control 403, draining 503 + Retry-After.
import { after, test } from 'node:test';
import { connect } from 'node:net';
import assert from 'node:assert/strict';
import type { Call, TransferResult } from '../../src/telephony/call.js';
import { killAllSipp, runSipp, startSipp } from '../helpers/sipp.js';
import { startKamailio } from '../helpers/kamailio.js';
import { freeSipPort } from '../helpers/ports.js';
import { startTrunk, type TrunkHarness } from './trunk-harness.js';

const scenarios = new URL('./scenarios/', import.meta.url).pathname;
const harnesses: TrunkHarness[] = [];
after(async () => {
  killAllSipp();
  for (const h of harnesses) await h.stop();
});

async function trunk(options: Parameters<typeof startTrunk>[0] = {}): Promise<TrunkHarness> {
  const h = await startTrunk(options);
  harnesses.push(h);
  return h;
}

async function tcpListening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true)).on('error', () => resolve(false));
      socket.on('connect', () => socket.destroy());
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function caller(h: TrunkHarness, scenario: string, timeoutSec = 10): Promise<void> {
  const result = await runSipp({ scenario: `${scenarios}${scenario}`, target: h.target, service: 'frontdesk', timeoutSec });
  assert.equal(result.code, 0, `${scenario}: ${result.stdout.slice(-2500)}\n${result.logs.slice(-2000)}`);
}

test('dial answers a 401 with digest credentials and extra headers; hangup sends BYE', async () => {
  const h = await trunk({ sip: { accounts: [{ name: 'out', registrar: 'sip:127.0.0.1', username: 'frontdesk', password: 's3cret', register: false }] } });
  const uas = await startSipp({ scenario: `${scenarios}uas-auth.xml`, timeoutSec: 10 });
  const call = await h.telephony.dial(`sip:agent@127.0.0.1:${uas.port}`, { headers: { 'X-Test': 'dial' }, timeoutMs: 5000 });
  assert.equal(call.facts.direction, 'outbound');
  assert.equal(call.facts.codec.name, 'PCMU');
  assert.equal(h.telephony.status().activeCalls, 1);
  const hangups: string[] = [];
  call.on('hangup', (e) => hangups.push(e.by));
  await call.hangup();
  const result = await uas.done;
  assert.equal(result.code, 0, result.stdout.slice(-2000));
  assert.deepEqual(hangups, ['local']);
  assert.equal(h.telephony.status().activeCalls, 0);
});

test('dial to a busy target rejects with 486 and ACKs the final response', async () => {
  const h = await trunk();
  const uas = await startSipp({ scenario: `${scenarios}uas-busy.xml`, timeoutSec: 10 });
  await assert.rejects(h.telephony.dial(`sip:agent@127.0.0.1:${uas.port}`), /486 Busy Here/);
  assert.equal((await uas.done).code, 0);
});

test('dial with timeoutMs: an unanswered target gets CANCEL, 487 is ACKed, dial rejects', async () => {
  const h = await trunk();
  const uas = await startSipp({ scenario: `${scenarios}uas-ring-cancel.xml`, timeoutSec: 10 });
  await assert.rejects(h.telephony.dial(`sip:agent@127.0.0.1:${uas.port}`, { timeoutMs: 500 }), /no answer before the timeout/);
  const result = await uas.done;
  assert.equal(result.code, 0, result.stdout.slice(-2000));
  assert.equal(h.telephony.status().activeCalls, 0);
});

test('bridge transfer: caller and target are connected, audio relayed, hangups propagate', async () => {
  const target = await trunk(); // the bridged party: another frontdesk that records what it hears
  const heard: number[] = [];
  target.telephony.removeAllListeners('incoming');
  target.telephony.on('incoming', (incoming) => void incoming.answer().then((call) => {
    target.calls.push(call);
    call.on('audio', (f) => heard.push(f.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0)));
    call.on('hangup', (e) => target.hangups.push(e));
  }));
  const results: TransferResult[] = [];
  const callers: Call[] = [];
  const h = await trunk({
    onIncoming: (incoming) => void incoming.answer().then(async (call) => {
      callers.push(call);
      call.on('hangup', (e) => h.hangups.push(e));
      results.push(await call.transfer(`sip:agent@${target.target}`, { mode: 'bridge' }));
    }),
  });
  const tone = Buffer.alloc(8000 * 3);
  for (let i = 0; i < tone.length; i++) tone[i] = i % 8 < 4 ? 0x10 : 0x90; // loud µ-law square wave
  const result = await runSipp({
    scenario: `${scenarios}uac-stream.xml`, target: h.target, service: 'frontdesk', timeoutSec: 10, files: { 'tone.ul': tone },
  });
  assert.equal(result.code, 0, result.stdout.slice(-2500));
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(results.map((r) => r.ok), [true]);
  assert.deepEqual(h.hangups.map((e) => e.by), ['transfer']);
  assert.ok(heard.filter((peak) => peak > 2000).length > 20, `target heard the caller (${heard.length} frames)`);
  assert.deepEqual(target.hangups.map((e) => e.by), ['remote'], 'the target got our BYE when the caller left');
  assert.equal(target.calls.length, 1);
  assert.equal((target.calls[0] as Call).ended, true);
  assert.equal(h.telephony.status().activeCalls, 0);
  assert.equal(target.telephony.status().activeCalls, 0, 'caller BYE hung up the target too');
});

test('a 200 never ACKed is retransmitted, then the call is ended with BYE', async () => {
  const h = await trunk();
  const result = await runSipp({ scenario: `${scenarios}uac-no-ack.xml`, target: h.target, service: 'frontdesk', timeoutSec: 15 });
  assert.equal(result.code, 0, result.stdout.slice(-2500));
  // sipp counts our 2xx retransmissions in the Retrans column of its 200 line.
  assert.ok(Number(/200 <-+\s+1\s+(\d+)/.exec(result.stdout)?.[1]) >= 3, result.stdout.slice(-2000));
  // answer() rejects (the call never started for the application); sipp saw our BYE (exit 0).
  assert.match(String(h.errors[0]?.message), /no ACK/);
  assert.equal(h.calls.length, 0);
  assert.equal(h.telephony.status().activeCalls, 0);
});

test('session timers: Session-Expires below 90 gets 422 Min-SE, 120 is accepted with refresher=uac', async () => {
  const h = await trunk();
  await caller(h, 'uac-timer-422.xml');
  await caller(h, 'uac-timer-ok.xml');
  assert.equal(h.calls.length, 1);
});

test('INVITEs from outside sip.allow get 403', async () => {
  const h = await trunk({ sip: { allow: ['10.0.0.0/8'] } });
  await caller(h, 'uac-403.xml');
  assert.equal(h.calls.length, 0);
});

test('after drain(), new INVITEs get 503 with Retry-After', async () => {
  const h = await trunk();
  h.telephony.drain(30);
  await caller(h, 'uac-503.xml');
  assert.equal(h.calls.length, 0);
});

test('sip.outboundProxy: dial goes through kamailio even to an unresolvable domain', async () => {
  const kam = await startKamailio({ users: { agent: 'agentpw' } });
  try {
    const agentPort = await freeSipPort();
    const reg = await runSipp({ scenario: `${scenarios}register.xml`, target: `127.0.0.1:${kam.port}`, service: 'agent', port: agentPort, timeoutSec: 5, args: ['-au', 'agent', '-ap', 'agentpw'] });
    assert.equal(reg.code, 0, reg.stdout.slice(-1500));
    const uas = await startSipp({ scenario: 'uas', port: agentPort, timeoutSec: 10 });
    const h = await trunk({ sip: { outboundProxy: `sip:127.0.0.1:${kam.port}` } });
    const call = await h.telephony.dial('sip:agent@pbx.invalid', { timeoutMs: 5000 });
    assert.equal(call.facts.direction, 'outbound');
    await call.hangup();
    assert.equal((await uas.done).code, 0);
  } finally {
    await kam.stop();
  }
});

test('media.rtpTimeoutSeconds: a call that receives no RTP is ended with BYE', async () => {
  const h = await trunk({ media: { rtpTimeoutSeconds: 1 } });
  const result = await runSipp({ scenario: `${scenarios}uac-wait-bye.xml`, target: h.target, service: 'frontdesk', timeoutSec: 10 });
  assert.equal(result.code, 0, result.stdout.slice(-2000));
  assert.deepEqual(h.hangups.map((e) => `${e.by}: ${e.reason}`), ['error: no RTP for 1s']);
});

test('dial answers kamailio\'s 407 with Proxy-Authorization (account credentials, outbound proxy)', async () => {
  const kam = await startKamailio({ users: { agent: 'agentpw', frontdesk: 's3cret' }, inviteAuth: true });
  try {
    const agentPort = await freeSipPort();
    const reg = await runSipp({ scenario: `${scenarios}register.xml`, target: `127.0.0.1:${kam.port}`, service: 'agent', port: agentPort, timeoutSec: 5, args: ['-au', 'agent', '-ap', 'agentpw'] });
    assert.equal(reg.code, 0, reg.stdout.slice(-1500));
    const uas = await startSipp({ scenario: 'uas', port: agentPort, timeoutSec: 10 });
    const h = await trunk({ sip: { accounts: [{ name: 'kam', registrar: `sip:127.0.0.1:${kam.port}`, outboundProxy: `sip:127.0.0.1:${kam.port}`, username: 'frontdesk', password: 's3cret', register: false }] } });
    const call = await h.telephony.dial('agent', { timeoutMs: 5000 });
    assert.match(call.facts.to, /sip:agent@127\.0\.0\.1/);
    await call.hangup();
    assert.equal((await uas.done).code, 0);
    const wrong = await trunk({ sip: { accounts: [{ name: 'kam', registrar: `sip:127.0.0.1:${kam.port}`, outboundProxy: `sip:127.0.0.1:${kam.port}`, username: 'frontdesk', password: 'nope', register: false }] } });
    await assert.rejects(wrong.telephony.dial('agent', { timeoutMs: 5000 }), /407/);
  } finally {
    await kam.stop();
  }
});

test('an INVITE over 1,300 bytes goes over TCP (RFC 3261 §18.1.1), and falls back to UDP where TCP is refused', async () => {
  const h = await trunk();
  const padding = { 'X-Padding': 'x'.repeat(900) };
  for (const transport of ['t1', 'u1'] as const) {
    const uas = await startSipp({ scenario: 'uas', timeoutSec: 10, transport });
    if (transport === 't1') await tcpListening(uas.port); // else the refused connect would fall back to UDP
    const call = await h.telephony.dial(`sip:agent@127.0.0.1:${uas.port}`, { headers: padding, timeoutMs: 5000 });
    assert.equal(call.facts.direction, 'outbound', transport);
    await call.hangup();
    const result = await uas.done;
    assert.equal(result.code, 0, `${transport}: ${result.stdout.slice(-1500)}`);
  }
});
