// sip.ipv6: the trunk also listens on [::] (UDP and TCP, same port) and answers OPTIONS from ::1,
// without taking the IPv4 port away from the IPv4 listener.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { killAllSipp, runSipp } from '../helpers/sipp.js';
import { startTrunk, type TrunkHarness } from './trunk-harness.js';

const scenarios = new URL('./scenarios/', import.meta.url).pathname;
let harness: TrunkHarness | undefined;
after(async () => {
  killAllSipp();
  await harness?.stop();
});

const options = (port: number, transport: string) =>
  `OPTIONS sip:fd@[::1]:${port} SIP/2.0\r\nVia: SIP/2.0/${transport} [::1]:9;rport;branch=z9hG4bKv6${transport}\r\n` +
  `From: <sip:t@[::1]>;tag=1\r\nTo: <sip:fd@[::1]>\r\nCall-ID: v6${transport}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;

test('OPTIONS over UDP and TCP on ::1 get 200; IPv4 still answers', async () => {
  harness = await startTrunk({ sip: { ipv6: true } });
  const port = harness.port;
  assert.ok(harness.telephony.status().listening.some((l) => l.address === '::' && l.transport === 'udp'));
  const udpReply = await new Promise<string>((resolve, reject) => {
    const socket = createSocket('udp6');
    socket.on('message', (m) => socket.close(() => resolve(m.toString())));
    socket.on('error', reject);
    socket.bind(0, '::1', () => socket.send(options(port, 'UDP'), port, '::1'));
  });
  assert.match(udpReply, /^SIP\/2\.0 200 OK/);
  assert.match(udpReply, /received=::1|rport=\d+/);
  const tcpReply = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '::1', () => socket.write(options(port, 'TCP')));
    socket.on('data', (d) => { socket.destroy(); resolve(d.toString()); });
    socket.on('error', reject);
  });
  assert.match(tcpReply, /^SIP\/2\.0 200 OK/);
  const v4 = await runSipp({ scenario: `${scenarios}options.xml`, target: harness.target, timeoutSec: 5 });
  assert.equal(v4.code, 0, v4.stdout.slice(-1500));
});
