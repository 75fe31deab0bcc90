// Property tests: SDP parsing and offer/answer never throw on random or mutated input, and
// parse(serialize(sdp)) is stable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSdp, serializeSdp } from './sdp.js';
import { acceptAnswer, answerOffer, createOffer, type LocalMedia } from './sdp-negotiate.js';

const LOCAL: LocalMedia = { address: '127.0.0.1', port: 40000, codecs: ['opus', 'PCMU', 'PCMA', 'G722'], ptime: 20, srtp: { inlineKey: 'KEY' } };
const line = fc.oneof(
  fc.constantFrom('v=0', 'o=- 1 1 IN IP4 1.2.3.4', 's=-', 't=0 0', 'c=IN IP4 0.0.0.0', 'c=IN IP6 ::1', 'a=sendonly', 'a=inactive',
    'm=audio 5000 RTP/AVP 0 8 9 96 101', 'm=audio 0 RTP/AVP 0', 'm=video 6000 RTP/AVP 31', 'm=audio 5000 RTP/SAVP 0',
    'a=rtpmap:96 opus/48000/2', 'a=rtpmap:101 telephone-event/8000', 'a=rtpmap:96', 'a=fmtp:101 0-16', 'a=ptime:30', 'a=ptime:x',
    'a=rtcp:99999', 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc', 'a=crypto:x', 'o=- x y IN IP4 h'),
  fc.string({ maxLength: 30 }),
);

test('parseSdp, answerOffer and acceptAnswer never throw on generated SDP', () => {
  fc.assert(fc.property(fc.array(line, { maxLength: 16 }), fc.boolean(), (lines, crlf) => {
    const text = ['v=0', 'o=- 1 1 IN IP4 1.2.3.4', 's=-', ...lines].join(crlf ? '\r\n' : '\n');
    const r = parseSdp(text);
    if (!r.ok) return assert.equal(typeof r.error, 'string');
    const again = parseSdp(serializeSdp(r.sdp));
    assert.ok(again.ok);
    assert.equal(serializeSdp(again.sdp), serializeSdp(r.sdp));
    const answer = answerOffer(r.sdp, LOCAL, r.sdp);
    if (!answer.ok) return assert.equal(answer.status, 488);
    assert.ok(answer.answer.media.length === r.sdp.media.length);
    const ours = createOffer(LOCAL);
    acceptAnswer(ours, r.sdp);
  }), { numRuns: 1500 });
});

test('parseSdp never throws on random bytes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
    const r = parseSdp(Buffer.from(bytes));
    assert.equal(typeof r.ok, 'boolean');
  }), { numRuns: 1000 });
});
