// RTP parse/build: round trip, CSRC + extension + padding tolerated, garbage rejected with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRtp, looksLikeRtcp, parseRtp } from './rtp.js';

test('build then parse round-trips the header and payload', () => {
  const packet = buildRtp({ payloadType: 8, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef }, Buffer.from([1, 2, 3]));
  const parsed = parseRtp(packet);
  assert.ok(parsed.ok);
  assert.deepEqual(
    { ...parsed.packet, payload: [...parsed.packet.payload] },
    { payloadType: 8, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, csrcs: [], extension: undefined, payload: [1, 2, 3] },
  );
});

test('CSRCs, a header extension and padding are skipped to find the payload', () => {
  const header = Buffer.from([0xb2, 0x00, 0, 1, 0, 0, 0, 160, 0, 0, 0, 9]); // V=2 P=1 X=1 CC=2
  const csrcs = Buffer.from([0, 0, 0, 1, 0, 0, 0, 2]);
  const extension = Buffer.from([0xbe, 0xde, 0, 1, 0x10, 0xaa, 0, 0]);
  const payload = Buffer.from([7, 7, 7]);
  const padding = Buffer.from([0, 0, 3]);
  const parsed = parseRtp(Buffer.concat([header, csrcs, extension, payload, padding]));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.packet.csrcs, [1, 2]);
  assert.equal(parsed.packet.extension?.profile, 0xbede);
  assert.deepEqual([...parsed.packet.payload], [7, 7, 7]);
});

test('garbage is rejected with a reason, never thrown', () => {
  const cases: [Buffer, string][] = [
    [Buffer.alloc(5), 'short'],
    [Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'version'],
    [Buffer.from([0x8f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'csrc'],
    [Buffer.from([0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xbe, 0xde, 0, 9]), 'extension'],
    [Buffer.from([0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 200]), 'padding'],
    [Buffer.from([0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]), 'padding'],
  ];
  for (const [buffer, reason] of cases) assert.deepEqual(parseRtp(buffer), { ok: false, reason });
  for (let i = 0; i < 2000; i++) {
    const random = Buffer.from(Array.from({ length: i % 40 }, () => Math.floor(Math.random() * 256)));
    assert.doesNotThrow(() => parseRtp(random));
  }
});

test('RTCP is told apart from RTP by its packet type (rtcp-mux)', () => {
  assert.equal(looksLikeRtcp(Buffer.from([0x80, 200, 0, 6])), true);
  assert.equal(looksLikeRtcp(buildRtp({ payloadType: 0, marker: false, sequenceNumber: 1, timestamp: 1, ssrc: 1 }, Buffer.alloc(160))), false);
});
