// MediaSession on the wire, against a bare UDP peer: nothing before configure, sequence/timestamp
// continuity and marker bits, barge-in, hold, garbage input, symmetric RTP latching, the SRTP hook,
// RTCP reports with RTT and BYE, idempotent close that releases the ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PortAllocator } from '../../src/media/ports.js';
import { MediaSession, type PacketTransform, type RtcpReport } from '../../src/media/session.js';
import { buildRtp } from '../../src/media/rtp.js';
import { freeRtpRange } from '../helpers/ports.js';
import { media, openPair, rawPeer, sine, silentLog, sleep, source, until } from './media-fixtures.js';

async function openOne() {
  const ports = new PortAllocator(await freeRtpRange(10));
  const session = await MediaSession.open({ localAddress: '127.0.0.1', ports, logger: silentLog });
  return { session, ports };
}

const isSilence = (payload: Buffer) => payload.every((b) => b === 0xff);

test('nothing is sent before configure; then a continuous stream with a marker at each talkspurt', async () => {
  const { session, ports } = await openOne();
  const peer = await rawPeer();
  try {
    await sleep(100);
    assert.equal(peer.packets.length, 0);
    session.configure(media(peer.port));
    await sleep(100);
    await session.play(source({ samples: sine(500, 200), sampleRate: 8000 }));
    await sleep(100);
    await session.play(source({ samples: sine(500, 200), sampleRate: 8000 }));
    await sleep(100);
    const packets = peer.packets;
    for (let i = 1; i < packets.length; i++) {
      assert.equal(packets[i]!.sequenceNumber, (packets[i - 1]!.sequenceNumber + 1) & 0xffff, 'contiguous sequence');
      assert.equal(packets[i]!.timestamp, (packets[i - 1]!.timestamp + 160) >>> 0, 'timestamp +160 per packet');
      assert.equal(packets[i]!.ssrc, packets[0]!.ssrc);
    }
    const markers = packets.filter((p) => p.marker);
    assert.equal(markers.length, 2, 'one marker per prompt');
    assert.ok(markers.every((p) => !isSilence(p.payload)));
    assert.ok(isSilence(packets[0]!.payload), 'silence frames while nothing plays');
  } finally {
    session.close();
    peer.close();
    assert.equal(ports.allocated, 0);
  }
});

test('stopPlayback: the next frame is silence and play resolves stopped', async () => {
  const { session } = await openOne();
  const peer = await rawPeer();
  try {
    session.configure(media(peer.port));
    const playing = session.play(source({ samples: sine(500, 5000), sampleRate: 8000 }));
    await until(() => peer.packets.filter((p) => !isSilence(p.payload)).length >= 5);
    session.stopPlayback();
    const sentBeforeStop = session.stats().packetsSent; // loopback keeps order: later packets come after these
    assert.equal(await playing, 'stopped');
    assert.equal(session.isPlaying, false);
    await until(() => peer.packets.length >= sentBeforeStop + 3);
    const after = peer.packets.slice(sentBeforeStop);
    assert.ok(after.length >= 3 && after.every((p) => isSilence(p.payload)));
  } finally {
    session.close();
    peer.close();
  }
});

test('hold (recvonly) stops sending; resuming keeps sequence and timestamp continuity', async () => {
  const { session } = await openOne();
  const peer = await rawPeer();
  try {
    session.configure(media(peer.port));
    await sleep(100);
    session.configure(media(peer.port, { direction: 'recvonly' }));
    const sentBeforeHold = session.stats().packetsSent;
    await sleep(200);
    assert.equal(session.stats().packetsSent, sentBeforeHold, 'nothing sent on hold');
    await until(() => peer.packets.length === sentBeforeHold);
    const held = peer.packets.length;
    const last = peer.packets[held - 1]!;
    session.configure(media(peer.port));
    await until(() => peer.packets.length > held + 3);
    const resumed = peer.packets.find((p) => p.sequenceNumber === ((last.sequenceNumber + 1) & 0xffff))!;
    assert.ok(resumed, 'sequence continues without a gap');
    const elapsed = (resumed.timestamp - last.timestamp) >>> 0;
    assert.ok(elapsed % 160 === 0 && elapsed >= 160 * 3, `timestamp advanced with time (${elapsed})`);
  } finally {
    session.close();
    peer.close();
  }
});

test('garbage, unknown payload types and strangers are dropped and counted; the source is latched', async () => {
  const { session } = await openOne();
  const peer = await rawPeer();
  const stranger = await rawPeer();
  try {
    session.configure(media(59999)); // SDP says one port, the peer actually sends from another
    const send = (socket: typeof peer.socket, buffer: Buffer) => socket.send(buffer, session.localPort, '127.0.0.1');
    const rtp = (pt: number, seq: number) => buildRtp({ payloadType: pt, marker: false, sequenceNumber: seq, timestamp: seq * 160, ssrc: 77 }, Buffer.alloc(160, 0xff));
    send(peer.socket, Buffer.from([1, 2, 3]));
    send(peer.socket, Buffer.alloc(40, 0x40));
    send(peer.socket, rtp(0, 1));
    send(peer.socket, rtp(96, 2));
    await until(() => session.stats().dropped.unknownPayloadType === 1);
    send(stranger.socket, rtp(0, 500));
    await until(() => session.stats().dropped.foreign + session.stats().packetsReceived >= 2);
    await until(() => peer.packets.length > 2);
    const stats = session.stats();
    assert.equal(stats.dropped.malformed, 2);
    assert.equal(stats.dropped.unknownPayloadType, 1);
    assert.equal(stats.dropped.foreign, 1);
    assert.equal(stats.packetsReceived, 1);
    assert.equal(stranger.packets.length, 0, 'we answer the latched source only');
  } finally {
    session.close();
    peer.close();
    stranger.close();
  }
});

test('the SRTP hook protects what is sent and unprotects what arrives', async () => {
  const { a, b, close } = await openPair();
  try {
    const xor = (p: Buffer) => Buffer.from(p.map((byte) => byte ^ 0x5a));
    const transform: PacketTransform = { protectRtp: xor, unprotectRtp: xor, protectRtcp: xor, unprotectRtcp: xor };
    a.setTransform(transform);
    await until(() => b.stats().dropped.malformed > 3); // B cannot read A without the transform
    b.setTransform(transform);
    const before = b.stats().packetsReceived;
    await until(() => b.stats().packetsReceived > before + 5); // with it on both sides media flows
    b.setTransform({ ...transform, unprotectRtp: () => null });
    await until(() => b.stats().dropped.unprotectFailed > 3);
  } finally {
    close();
  }
});

test('RTCP: SR/RR with a round-trip time, and BYE on close; close is idempotent', async () => {
  const { a, b, ports } = await openPair({}, 200);
  const fromB: RtcpReport[] = [];
  const fromA: RtcpReport[] = [];
  a.on('rtcp', (r) => fromB.push(r));
  b.on('rtcp', (r) => fromA.push(r));
  await until(() => fromB.some((r) => r.roundTripMs !== undefined), 5000);
  const report = fromB.find((r) => r.roundTripMs !== undefined)!;
  assert.equal(report.kind, 'sr');
  assert.ok(report.roundTripMs! >= 0 && report.roundTripMs! < 1000);
  assert.equal(report.aboutUs!.cumulativeLost, 0);
  assert.match(report.cname ?? '', /^frontdesk-/);
  assert.equal(a.stats().remote?.cumulativeLost, 0);
  assert.ok(a.stats().remote!.jitterMs >= 0, 'the peer reports our jitter, in ms of our clock');
  a.close();
  a.close();
  await until(() => fromA.some((r) => r.kind === 'bye'));
  b.close();
  assert.equal(ports.allocated, 0);
  assert.equal(await b.play(source({ samples: sine(500, 100), sampleRate: 8000 })), 'hangup');
});

test('an unsupported codec is a clear error and leaves the session as it was', async () => {
  const { session } = await openOne();
  const peer = await rawPeer();
  try {
    session.configure(media(peer.port));
    assert.throws(() => session.configure(media(peer.port, { codec: { name: 'GSM' as never, payloadType: 3, clockRate: 8000, channels: 1 } })), /unsupported codec/);
    const before = peer.packets.length;
    await until(() => peer.packets.length > before + 3);
    assert.ok(peer.packets.slice(before).every((p) => p.payloadType === 0), 'still sending PCMU');
  } finally {
    session.close();
    peer.close();
  }
});

test('SSRC change: a new source with a marker takes over at once, a stray one without is refused', async () => {
  const { session } = await openOne();
  const peer = await rawPeer();
  try {
    session.configure(media(peer.port));
    const send = (ssrc: number, seq: number, marker = false) =>
      peer.socket.send(buildRtp({ payloadType: 0, marker, sequenceNumber: seq, timestamp: seq * 160, ssrc }, Buffer.alloc(160, 0x7f)), session.localPort, '127.0.0.1');
    for (let seq = 0; seq < 5; seq++) send(1111, seq);
    await until(() => session.stats().packetsReceived === 5);
    send(2222, 900); // interleaved stray stream, no marker: refused while 1111 is live
    await until(() => session.stats().dropped.foreign === 1);
    assert.equal(session.remoteSsrc, 1111);
    send(3333, 7000, true); // a new talkspurt from a new source (e.g. after a transfer)
    for (let seq = 7001; seq < 7005; seq++) send(3333, seq);
    await until(() => session.remoteSsrc === 3333 && session.stats().packetsReceived === 10);
    const stats = session.stats();
    assert.equal(stats.packetsLost, 0, 'statistics restart with the new source');
  } finally {
    session.close();
    peer.close();
  }
});

test('real SRTP (srtp.ts) through the hook: audio and RTCP flow between two sessions with mirrored keys', async () => {
  const { createSrtpTransform } = await import('../../src/media/srtp.js');
  const { randomBytes } = await import('node:crypto');
  const keyA = { key: randomBytes(16), salt: randomBytes(14) };
  const keyB = { key: randomBytes(16), salt: randomBytes(14) };
  const { a, b, close } = await openPair({}, 200);
  try {
    a.setTransform(createSrtpTransform(keyA, keyB));
    b.setTransform(createSrtpTransform(keyB, keyA));
    const reports: RtcpReport[] = [];
    b.on('rtcp', (r) => reports.push(r));
    assert.equal(await a.play(source({ samples: sine(1000, 300), sampleRate: 8000 })), 'finished');
    await until(() => reports.some((r) => r.kind === 'sr'));
    const stats = b.stats();
    assert.ok(stats.packetsReceived >= 10, JSON.stringify(stats));
    assert.equal(stats.dropped.unprotectFailed, 0);
    assert.equal(stats.dropped.malformed, 0);
  } finally {
    close();
  }
});
