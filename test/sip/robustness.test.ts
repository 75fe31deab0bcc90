// Hostile input against the in-process trunk: garbage datagrams, a malformed-but-answerable request
// (400 with a reason), an oversize message, garbage and half-open TCP connections — and afterwards
// the server still answers OPTIONS (checked by sipp) over UDP and TCP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { registry } from '../../src/metrics.js';
import { killAllSipp, runSipp } from '../helpers/sipp.js';
import { startTrunk, type TrunkHarness } from './trunk-harness.js';

const scenarios = new URL('./scenarios/', import.meta.url).pathname;
let harness: TrunkHarness;
const sockets: Socket[] = [];
before(async () => {
  harness = await startTrunk();
});
after(async () => {
  for (const s of sockets) s.destroy();
  killAllSipp();
  await harness.stop();
});

async function malformedCount(action: string): Promise<number> {
  const metric = await registry.getSingleMetric('frontdesk_sip_malformed_total')!.get();
  return metric.values.find((v) => v.labels.action === action)?.value ?? 0;
}

function udpExchange(payload: Buffer | string, waitMs = 400): Promise<string[]> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const replies: string[] = [];
    socket.on('message', (m) => replies.push(m.toString()));
    socket.bind(0, '127.0.0.1', () => {
      socket.send(payload, harness.port, '127.0.0.1');
      setTimeout(() => socket.close(() => resolve(replies)), waitMs);
    });
  });
}

async function optionsStillAnswered(): Promise<void> {
  for (const transport of ['u1', 't1'] as const) {
    const result = await runSipp({ scenario: `${scenarios}options.xml`, target: harness.target, timeoutSec: 5, transport });
    assert.equal(result.code, 0, result.stdout.slice(-2000));
  }
}

test('garbage datagrams are dropped and counted; OPTIONS still answered', async () => {
  const before = await malformedCount('dropped');
  for (const junk of [Buffer.from([0, 1, 2, 3, 255, 254]), 'hello world', '\r\n\r\n', 'SIP/2.0 999\r\n\r\n', Buffer.alloc(1400, 0x41)]) {
    assert.deepEqual(await udpExchange(junk, 50), []);
  }
  assert.ok((await malformedCount('dropped')) > before);
  await optionsStillAnswered();
});

test('a request missing Call-ID but with Via gets 400 with a reason phrase', async () => {
  const request = 'OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKbad1\r\n' +
    'From: <sip:a@b>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n';
  const replies = await udpExchange(request);
  // Without a Call-ID the parser may or may not consider it answerable; either way no crash, and
  // a reply, when there is one, is a 400 that says why.
  for (const reply of replies) assert.match(reply, /^SIP\/2\.0 400 Bad Request \(.+\)/);
  const bad = 'OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bKbad2\r\n' +
    'From: <sip:a@b>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: bad2\r\nCSeq: 1 OPTIONS\r\nContent-Length: 999\r\n\r\n';
  const answered = await udpExchange(bad);
  assert.equal(answered.length, 1);
  assert.match(answered[0]!, /^SIP\/2\.0 400 Bad Request \(.+\)/);
});

test('an oversize message (UDP and TCP) does not harm the server', async () => {
  const big = (pad: number) => 'OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKbig\r\n' +
    `From: <sip:a@b>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: big\r\nCSeq: 1 OPTIONS\r\nX-Pad: ${'p'.repeat(pad)}\r\nContent-Length: 0\r\n\r\n`;
  const udpReplies = await udpExchange(big(60_000));
  for (const reply of udpReplies) assert.match(reply, /^SIP\/2\.0 (400|513) /);
  const tcp = connect(harness.port, '127.0.0.1');
  sockets.push(tcp);
  await new Promise((r) => tcp.once('connect', r));
  const closed = new Promise((r) => tcp.once('close', r));
  tcp.write(big(70_000));
  await closed; // the transport closes a connection it cannot frame
  await optionsStillAnswered();
});

test('garbage and half-open TCP connections leave the server answering', async () => {
  const open: Socket[] = [];
  for (let i = 0; i < 20; i++) {
    const s = connect(harness.port, '127.0.0.1');
    sockets.push(s);
    open.push(s);
    s.on('error', () => undefined);
    await new Promise((r) => s.once('connect', r));
    if (i % 2 === 0) s.write('INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/TCP'); // half a request, never finished
    else s.write('\u0000\u0001garbage\r\n\r\nmore');
  }
  const half = connect(harness.port, '127.0.0.1');
  sockets.push(half);
  await new Promise((r) => half.once('connect', r));
  half.end(); // half-close: the transport closes its side
  await new Promise((r) => half.once('close', r));
  await optionsStillAnswered();
});
