// RFC 3711 appendix B vectors, the libsrtp reference packets, and protect/unprotect between two sessions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aesCm, deriveSessionKey, SrtpStream, SrtpError, createSrtpTransform } from './srtp.js';
import { cryptoAttributes, chooseCrypto, formatCryptoAttribute, generateSdesKey, newInlineKey, parseCryptoAttribute, sdesTransform } from './sdes.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const MASTER_KEY = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
const MASTER_SALT = hex('0EC675AD498AFEEBB6960B3AABE6');

test('B.2: AES-CM keystream matches the RFC table, start and end of the segment', () => {
  const keystream = aesCm(hex('2B7E151628AED2A6ABF7158809CF4F3C'), hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000'), Buffer.alloc(65282 * 16));
  assert.equal(keystream.subarray(0, 48).toString('hex').toUpperCase(),
    'E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB41E95B3BB0A2E8DD477901E4FCA894C0');
  assert.equal(keystream.subarray(keystream.length - 48).toString('hex').toUpperCase(),
    'EC8CDF7398607CB0F2D21675EA9EA1E4362B7C3C6773516318A077D7FC5073AE6A2CC3787889374FBEB4C81B17BA6C44');
});

test('B.3: session keys derive as the RFC lists them', () => {
  assert.equal(deriveSessionKey(MASTER_KEY, MASTER_SALT, 0, 16).toString('hex').toUpperCase(), 'C61E7A93744F39EE10734AFE3FF7A087');
  assert.equal(deriveSessionKey(MASTER_KEY, MASTER_SALT, 2, 14).toString('hex').toUpperCase(), '30CBBC08863D8C85D49DB34A9AE1');
  assert.equal(deriveSessionKey(MASTER_KEY, MASTER_SALT, 1, 20).toString('hex').toUpperCase(), 'CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4');
});

test('libsrtp reference packets: RTP and RTCP protect to the published bytes and back', () => {
  const rtp = hex('800f1234decafbadcafebabe' + 'ab'.repeat(16));
  const srtp = hex('800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb');
  const rtcp = hex('81c8000bcafebabe' + 'ab'.repeat(16));
  const srtcp = hex('81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798');
  const sender = new SrtpStream(MASTER_KEY, MASTER_SALT);
  assert.deepEqual(sender.protectRtp(rtp), srtp);
  sender.protectRtcp(rtcp); // SRTCP index 0; the reference packet carries index 1
  assert.deepEqual(sender.protectRtcp(rtcp), srtcp);
  const receiver = new SrtpStream(MASTER_KEY, MASTER_SALT);
  assert.deepEqual(receiver.unprotectRtp(srtp), rtp);
  assert.deepEqual(receiver.unprotectRtcp(srtcp), rtcp);
});

function rtpPacket(seq: number, ssrc: number, fill: number): Buffer {
  const packet = Buffer.alloc(12 + 160, fill);
  packet[0] = 0x80;
  packet[1] = 0;
  packet.writeUInt16BE(seq, 2);
  packet.writeUInt32BE(seq * 160, 4);
  packet.writeUInt32BE(ssrc, 8);
  return packet;
}

test('two sessions keyed by SDES round-trip RTP across a sequence wrap, reject tampering and replays', () => {
  const offerKey = generateSdesKey();
  const offerSdp = `v=0\r\nm=audio 4000 RTP/SAVP 0 101\r\na=crypto:1 ${formatCryptoAttribute(1, offerKey).slice(2)}\r\n`;
  const chosen = chooseCrypto(cryptoAttributes(offerSdp));
  assert.ok(chosen);
  const answerKey = generateSdesKey();
  const answerer = createSrtpTransform(answerKey, chosen);
  const answerLine = parseCryptoAttribute(formatCryptoAttribute(chosen.tag, answerKey))!;
  const offerer = createSrtpTransform(offerKey, answerLine);

  for (let i = 0; i < 10; i++) {
    const seq = (0xfffa + i) & 0xffff; // crosses the 16-bit wrap: ROC becomes 1
    const plain = rtpPacket(seq, 0x1234, i);
    const wire = offerer.protectRtp(plain);
    assert.notDeepEqual(wire.subarray(12, 172), plain.subarray(12));
    assert.deepEqual(answerer.unprotectRtp(wire), plain);
    assert.equal(answerer.unprotectRtp(wire), null, 'replay is dropped');
    const back = answerer.protectRtp(rtpPacket(seq, 0x9999, 0x55));
    assert.deepEqual(offerer.unprotectRtp(back), rtpPacket(seq, 0x9999, 0x55));
  }
  const tampered = offerer.protectRtp(rtpPacket(20, 0x1234, 7));
  tampered[20]! ^= 1;
  assert.equal(answerer.unprotectRtp(tampered), null);
  assert.equal(answerer.unprotectRtp(Buffer.from('garbage')), null);
  const report = Buffer.concat([Buffer.from([0x81, 200, 0, 6]), Buffer.alloc(4, 0x12), Buffer.alloc(20, 3)]);
  assert.deepEqual(answerer.unprotectRtcp(offerer.protectRtcp(report)), report);
});

test('bad keys and unusable crypto lines give clear answers', () => {
  assert.throws(() => new SrtpStream(Buffer.alloc(10), MASTER_SALT), SrtpError);
  assert.equal(parseCryptoAttribute('1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ='), undefined);
  assert.equal(parseCryptoAttribute('nonsense'), undefined);
  const withMki = `1 AES_CM_128_HMAC_SHA1_80 inline:${Buffer.alloc(30, 1).toString('base64')}|2^20|1:4`;
  assert.equal(parseCryptoAttribute(withMki), undefined);
  const lifetime = parseCryptoAttribute(`2 AES_CM_128_HMAC_SHA1_80 inline:${Buffer.alloc(30, 1).toString('base64')}|2^31`);
  assert.equal(lifetime?.tag, 2);
  const unencrypted = parseCryptoAttribute(`3 AES_CM_128_HMAC_SHA1_80 inline:${Buffer.alloc(30, 1).toString('base64')} UNENCRYPTED_SRTP`)!;
  assert.equal(chooseCrypto([unencrypted]), undefined);
  assert.equal(chooseCrypto([{ ...unencrypted, suite: 'AES_256_CM_HMAC_SHA1_80', sessionParams: [] }]), undefined);
});

test('AES_CM_128_HMAC_SHA1_32 via sdesTransform: 4-byte RTP tag, round trip, wrong key rejected', () => {
  const a = newInlineKey();
  const b = newInlineKey();
  const ours = sdesTransform(a, { suite: 'AES_CM_128_HMAC_SHA1_32', keyParams: `inline:${b}` })!;
  const theirs = sdesTransform(b, { suite: 'AES_CM_128_HMAC_SHA1_32', keyParams: `inline:${a}` })!;
  const plain = rtpPacket(100, 77, 9);
  const wire = ours.protectRtp(plain);
  assert.equal(wire.length, plain.length + 4);
  assert.deepEqual(theirs.unprotectRtp(wire), plain);
  const stranger = sdesTransform(newInlineKey(), { suite: 'AES_CM_128_HMAC_SHA1_32', keyParams: `inline:${newInlineKey()}` })!;
  assert.equal(stranger.unprotectRtp(ours.protectRtp(rtpPacket(101, 77, 9))), null);
  assert.equal(sdesTransform(a, { suite: 'F8_128_HMAC_SHA1_80', keyParams: `inline:${b}` }), undefined);
});
