// RTCP compound build/parse (SR, RR, SDES, BYE), RTT from LSR/DLSR, and rejection of garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildBye, buildReceiverReport, buildSdes, buildSenderReport, compactNtp, ntpNow, parseRtcp, roundTripMs, type ReportBlock,
} from './rtcp.js';

const block: ReportBlock = {
  ssrc: 0x11223344, fractionLost: 64, cumulativeLost: -3, extendedHighestSeq: 70000, jitter: 123, lastSr: 0xabcd1234, delaySinceLastSr: 65536,
};

test('a compound SR + SDES + BYE round-trips', () => {
  const sender = { ntpSeconds: 3900000000, ntpFraction: 0x80000000, rtpTimestamp: 160, packetCount: 50, octetCount: 8000 };
  const compound = Buffer.concat([buildSenderReport(42, sender, [block]), buildSdes(42, 'frontdesk@host'), buildBye(42, 'hangup')]);
  const parsed = parseRtcp(compound);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.packets, [
    { type: 'sr', ssrc: 42, sender, reports: [block] },
    { type: 'sdes', chunks: [{ ssrc: 42, cname: 'frontdesk@host' }] },
    { type: 'bye', ssrcs: [42], reason: 'hangup' },
  ]);
  assert.equal(compound.length % 4, 0);
});

test('an RR without blocks and a BYE without reason', () => {
  const parsed = parseRtcp(Buffer.concat([buildReceiverReport(7), buildSdes(7, 'x'), buildBye(7)]));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.packets[0], { type: 'rr', ssrc: 7, reports: [] });
  assert.deepEqual(parsed.packets[2], { type: 'bye', ssrcs: [7] });
});

test('round-trip time is A − LSR − DLSR (RFC 3550 §6.4.1)', () => {
  const now = ntpNow(Date.UTC(2026, 0, 1, 12, 0, 0, 500));
  const arrival = compactNtp(now.seconds, now.fraction);
  const rtt = roundTripMs({ ...block, lastSr: (arrival - 65536 - 6554) >>> 0, delaySinceLastSr: 65536 }, arrival);
  assert.ok(rtt !== undefined && Math.abs(rtt - 100) < 0.1, `rtt ${rtt}`);
  assert.equal(roundTripMs({ ...block, lastSr: 0 }, arrival), undefined, 'no SR seen yet');
});

test('garbage and truncated compounds are rejected, never thrown', () => {
  const good = buildReceiverReport(1, [block]);
  assert.equal(parseRtcp(Buffer.alloc(3)).ok, false);
  assert.equal(parseRtcp(good.subarray(0, good.length - 4)).ok, false, 'length beyond the datagram');
  const badVersion = Buffer.from(good);
  badVersion[0] = 0x41;
  assert.equal(parseRtcp(badVersion).ok, false);
  const lying = Buffer.from(good);
  lying[0] = 0x80 | 5; // claims 5 report blocks
  assert.equal(parseRtcp(lying).ok, false);
  for (let i = 0; i < 2000; i++) {
    const random = Buffer.from(Array.from({ length: 4 + (i % 60) }, () => Math.floor(Math.random() * 256)));
    random[0] = 0x80 | (random[0]! & 0x3f);
    assert.doesNotThrow(() => parseRtcp(random));
  }
});

test('unknown RTCP types (APP, feedback) inside a compound are skipped', () => {
  const app = Buffer.from([0x80, 204, 0, 2, 0, 0, 0, 1, 0x41, 0x42, 0x43, 0x44]);
  const parsed = parseRtcp(Buffer.concat([buildReceiverReport(1), app, buildSdes(1, 'a')]));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.packets.map((p) => p.type), ['rr', 'sdes']);
});
