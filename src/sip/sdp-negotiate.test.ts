// RFC 3264 offer/answer: codec choice, telephone-event, direction mirroring, hold, rejected streams,
// SRTP gating, 488 reasons, version increments, and our own offer/answer round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptAnswer, answerOffer, createOffer, type LocalMedia } from './sdp-negotiate.js';
import { directionOf, parseSdp, serializeSdp, type Sdp } from './sdp.js';

const LOCAL: LocalMedia = { address: '127.0.0.1', port: 40000, codecs: ['PCMU', 'PCMA'], ptime: 20, sessionId: '42' };

function offer(mediaLines: string[], session: string[] = ['c=IN IP4 192.0.2.5']): Sdp {
  const r = parseSdp(['v=0', 'o=- 7 7 IN IP4 192.0.2.5', 's=-', ...session, 't=0 0', ...mediaLines, ''].join('\r\n'));
  assert.ok(r.ok);
  return r.sdp;
}

const SIPP_OFFER = ['m=audio 6000 RTP/AVP 8 0 101', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15'];

test('answers with our preferred common codec and keeps their telephone-event payload type', () => {
  const r = answerOffer(offer(SIPP_OFFER), LOCAL);
  assert.ok(r.ok);
  assert.deepEqual(r.media, {
    codec: { name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 }, ptime: 20, direction: 'sendrecv',
    remote: { address: '192.0.2.5', port: 6000, rtcpPort: 6001 }, telephoneEvent: { payloadType: 101, clockRate: 8000 },
  });
  const text = serializeSdp(r.answer);
  assert.match(text, /^m=audio 40000 RTP\/AVP 0 101\r$/m);
  assert.match(text, /^a=fmtp:101 0-15\r$/m);
  assert.match(text, /^o=frontdesk 42 1 IN IP4 127.0.0.1\r$/m);
  assert.match(text, /^c=IN IP4 127.0.0.1\r$/m);
});

test('negotiates dynamic opus and G.722, IPv6 connection and their ptime', () => {
  const r = answerOffer(offer(['m=audio 7000 RTP/AVP 96 9', 'c=IN IP6 2001:db8::5', 'a=rtpmap:96 OPUS/48000/2', 'a=fmtp:96 minptime=10', 'a=ptime:40']),
    { ...LOCAL, codecs: ['opus', 'G722'] });
  assert.ok(r.ok);
  assert.deepEqual(r.media.codec, { name: 'opus', payloadType: 96, clockRate: 48000, channels: 2, fmtp: 'minptime=10' });
  assert.equal(r.media.ptime, 40);
  assert.equal(r.media.remote.address, '2001:db8::5');
  assert.match(serializeSdp(r.answer), /a=rtpmap:96 opus\/48000\/2/);
  const capped = answerOffer(offer(['m=audio 7000 RTP/AVP 0', 'a=maxptime:20']), { ...LOCAL, ptime: 40 });
  assert.ok(capped.ok);
  assert.equal(capped.media.ptime, 20);
  const g722 = answerOffer(offer(['m=audio 7000 RTP/AVP 9']), { ...LOCAL, codecs: ['G722'] });
  assert.ok(g722.ok);
  assert.equal(g722.media.codec.name, 'G722');
  assert.equal(g722.media.telephoneEvent, undefined);
});

test('mirrors direction and treats c=0.0.0.0 as hold', () => {
  const cases: [string[], string[], string][] = [
    [['a=sendonly'], ['c=IN IP4 192.0.2.5'], 'recvonly'],
    [['a=recvonly'], ['c=IN IP4 192.0.2.5'], 'sendonly'],
    [['a=inactive'], ['c=IN IP4 192.0.2.5'], 'inactive'],
    [[], ['c=IN IP4 0.0.0.0'], 'recvonly'],
    [['a=recvonly'], ['c=IN IP4 0.0.0.0'], 'inactive'],
  ];
  for (const [attrs, session, expected] of cases) {
    const r = answerOffer(offer(['m=audio 6000 RTP/AVP 0', ...attrs], session), LOCAL);
    assert.ok(r.ok);
    assert.equal(r.media.direction, expected, attrs.join() + session.join());
    assert.equal(directionOf(r.answer, r.answer.media[0]!), expected);
  }
});

test('rejects non-audio and extra streams with port 0, keeping m-line order', () => {
  const r = answerOffer(offer(['m=video 5000 RTP/AVP 31', 'm=audio 6000 RTP/AVP 0', 'm=audio 6100 RTP/AVP 0']), LOCAL);
  assert.ok(r.ok);
  assert.deepEqual(r.answer.media.map((m) => [m.type, m.port]), [['video', 0], ['audio', 40000], ['audio', 0]]);
});

test('refuses with 488 and a reason', () => {
  assert.deepEqual(answerOffer(offer(['m=audio 6000 RTP/AVP 18']), LOCAL), { ok: false, status: 488, reason: 'no common audio codec' });
  assert.deepEqual(answerOffer(offer(['m=video 6000 RTP/AVP 31']), LOCAL), { ok: false, status: 488, reason: 'no audio stream offered' });
  const savp = offer(['m=audio 6000 RTP/SAVP 0', 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR']);
  assert.deepEqual(answerOffer(savp, LOCAL), { ok: false, status: 488, reason: 'SRTP not available' });
  assert.match((answerOffer(offer(['m=audio 6000 UDP/TLS/RTP/SAVPF 0']), LOCAL) as { reason: string }).reason, /protocol/);
});

test('accepts RTP/SAVP when SRTP is available, answering one offered suite', () => {
  const savp = offer(['m=audio 6000 RTP/SAVP 0', 'a=crypto:1 F8_128_HMAC_SHA1_80 inline:AAAA', 'a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:BBBB']);
  const r = answerOffer(savp, { ...LOCAL, srtp: { inlineKey: 'CCCC' } });
  assert.ok(r.ok);
  assert.equal(r.srtp?.suite, 'AES_CM_128_HMAC_SHA1_32');
  assert.equal(r.srtp?.remote.keyParams, 'inline:BBBB');
  assert.match(serializeSdp(r.answer), /a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:CCCC/);
});

test('session version increments on re-answers and re-offers', () => {
  const first = answerOffer(offer(SIPP_OFFER), LOCAL);
  assert.ok(first.ok);
  const second = answerOffer(offer(SIPP_OFFER), LOCAL, first.answer);
  assert.ok(second.ok);
  assert.equal(second.answer.origin.sessionId, first.answer.origin.sessionId);
  assert.equal(second.answer.origin.sessionVersion, '2');
  const o1 = createOffer(LOCAL);
  assert.equal(createOffer(LOCAL, o1).origin.sessionVersion, String(Number(o1.origin.sessionVersion) + 1));
});

test('createOffer → answerOffer → acceptAnswer agree on codec, events and directions', () => {
  const ours = createOffer({ ...LOCAL, codecs: ['opus', 'PCMU'], direction: 'sendonly' });
  assert.match(serializeSdp(ours), /m=audio 40000 RTP\/AVP 111 0 102 101\r\n/);
  const wire = parseSdp(serializeSdp(ours));
  assert.ok(wire.ok);
  const theirs = answerOffer(wire.sdp, { address: '10.0.0.2', port: 50000, codecs: ['PCMU', 'opus'], ptime: 30 });
  assert.ok(theirs.ok);
  assert.equal(theirs.media.direction, 'recvonly');
  const accepted = acceptAnswer(ours, theirs.answer);
  assert.ok(accepted.ok);
  assert.equal(accepted.media.codec.name, 'PCMU');
  assert.deepEqual(accepted.media.telephoneEvent, { payloadType: 101, clockRate: 8000 });
  assert.equal(accepted.media.direction, 'sendonly');
  assert.equal(accepted.media.ptime, 30);
  assert.deepEqual(accepted.media.remote, { address: '10.0.0.2', port: 50000, rtcpPort: 50001 });
  const rejectedAll = { ...theirs.answer, media: theirs.answer.media.map((m) => ({ ...m, port: 0 })) };
  assert.equal(acceptAnswer(ours, rejectedAll).ok, false);
  assert.equal(acceptAnswer(ours, { ...theirs.answer, media: [] }).ok, false);
});
