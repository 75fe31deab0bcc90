// SDP parse/serialize: session vs media level, attributes, IPv6, crypto lines, bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionOf, cryptoLines, directionOf, fmtp, parseSdp, rtcpPortOf, rtpMaps, serializeSdp, type Sdp } from './sdp.js';

const OFFER = [
  'v=0', 'o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com', 's=-', 'c=IN IP4 192.0.2.10', 't=0 0', 'a=sendonly',
  'm=audio 49170 RTP/AVP 0 8 97 101', 'a=rtpmap:97 opus/48000/2', 'a=fmtp:97 useinbandfec=1', 'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16', 'a=ptime:20', 'a=maxptime:40', 'a=rtcp:53020 IN IP4 192.0.2.10',
  'm=video 51372 RTP/AVP 31', 'c=IN IP6 2001:db8::2', 'a=rtpmap:31 H261/90000', 'a=recvonly', '',
].join('\r\n');

function parsed(text: string): Sdp {
  const r = parseSdp(text);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.sdp;
}

test('parses session and media level lines', () => {
  const sdp = parsed(OFFER);
  assert.equal(sdp.origin.sessionVersion, '2890844526');
  assert.equal(sdp.media.length, 2);
  const [audio, video] = sdp.media;
  assert.deepEqual(audio!.formats, ['0', '8', '97', '101']);
  assert.deepEqual(rtpMaps(audio!).get(0), { payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: 1 });
  assert.deepEqual(rtpMaps(audio!).get(97), { payloadType: 97, encoding: 'opus', clockRate: 48000, channels: 2 });
  assert.equal(fmtp(audio!, 101), '0-16');
  assert.equal(directionOf(sdp, audio!), 'sendonly');
  assert.equal(directionOf(sdp, video!), 'recvonly');
  assert.equal(connectionOf(sdp, audio!)?.address, '192.0.2.10');
  assert.deepEqual(connectionOf(sdp, video!), { netType: 'IN', addrType: 'IP6', address: '2001:db8::2' });
  assert.equal(rtcpPortOf(audio!), 53020);
  assert.equal(rtcpPortOf(video!), 51373);
});

test('serializeSdp reproduces a well-ordered SDP byte for byte, and accepts bare LF input', () => {
  assert.equal(serializeSdp(parsed(OFFER)), OFFER);
  assert.equal(serializeSdp(parsed(OFFER.replace(/\r\n/g, '\n'))), OFFER);
});

test('a missing t= line is written in its RFC 4566 place, before k=, so a second round trip changes nothing', () => {
  const once = serializeSdp(parsed('v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nk=\r\n'));
  assert.equal(once, 'v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nk=\r\n');
  assert.equal(serializeSdp(parsed(once)), once);
});

test('keeps SRTP crypto lines as attributes', () => {
  const sdp = parsed('v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\n' +
    'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\na=crypto:2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm\r\n');
  assert.deepEqual(cryptoLines(sdp.media[0]!).map((c) => [c.tag, c.suite]), [[1, 'AES_CM_128_HMAC_SHA1_80'], [2, 'F8_128_HMAC_SHA1_80']]);
});

test('rejects malformed SDP with a reason', () => {
  for (const [text, error] of [
    ['', /version/], ['v=1\r\no=- 1 1 IN IP4 a\r\n', /version/], ['v=0\r\ns=-\r\n', /o=/],
    ['v=0\r\no=- 1 1 IN IP4 a\r\nm=audio port RTP/AVP 0\r\n', /m=/], ['v=0\r\no=- 1 1 IN IP4 a\r\nc=IN\r\n', /c=/],
    ['v=0\r\nthis is not sdp\r\n', /malformed/],
  ] as const) {
    const r = parseSdp(text);
    assert.equal(r.ok, false, text);
    assert.match((r as { error: string }).error, error);
  }
  assert.equal(parseSdp(Buffer.from([0xff, 0x00])).ok, false);
});
