// Digest: RFC 2617 §3.5 vector, no-qop and MD5-sess/SHA-256 answers, and our server-side challenge/verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createChallenge, digestAuthorization, parseAuthParams, verifyDigest } from './digest.js';

const RFC2617_CHALLENGE = 'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"';

test('RFC 2617 §3.5 example produces the published response', () => {
  const r = digestAuthorization({ challenge: RFC2617_CHALLENGE, method: 'GET', uri: '/dir/index.html', username: 'Mufasa', password: 'Circle Of Life', nc: 1, cnonce: '0a4f113b' });
  assert.ok(r.ok);
  const p = parseAuthParams(r.value)!.params;
  assert.equal(p.response, '6629fae49393a05397450978507c4ef1');
  assert.equal(p.nc, '00000001');
  assert.equal(p.qop, 'auth');
  assert.equal(p.opaque, '5ccc069c403ebaf9f0171e9517f40e41');
  assert.equal(r.stale, false);
});

test('no-qop (RFC 2069 style) answer, stale flag, and refusals', () => {
  // MD5(MD5(user:realm:pw):nonce:MD5(method:uri)) computed independently with coreutils md5sum.
  const r = digestAuthorization({ challenge: 'Digest realm="asterisk",nonce="1234abcd", stale=TRUE', method: 'REGISTER', uri: 'sip:pbx.example.com', username: '100', password: 'pw' });
  assert.ok(r.ok);
  assert.equal(parseAuthParams(r.value)!.params.qop, undefined);
  assert.equal(r.stale, true);
  assert.equal(parseAuthParams(r.value)!.params.response, 'abe4fdff8651c97992e16464a2ddea63');
  assert.equal(digestAuthorization({ challenge: 'Basic realm="x"', method: 'A', uri: 'u', username: 'u', password: 'p' }).ok, false);
  assert.equal(digestAuthorization({ challenge: 'Digest nonce="x"', method: 'A', uri: 'u', username: 'u', password: 'p' }).ok, false);
  assert.equal(digestAuthorization({ challenge: 'Digest realm="r", nonce="n", algorithm=SHA-512', method: 'A', uri: 'u', username: 'u', password: 'p' }).ok, false);
  assert.equal(parseAuthParams('Digest realm="unterminated'), null);
});

test('our challenge verifies our answers for MD5, MD5-sess and SHA-256; wrong password fails; old nonce is stale', () => {
  for (const algorithm of ['MD5', 'MD5-sess', 'SHA-256'] as const) {
    const challenge = createChallenge('frontdesk.test', { algorithm });
    const answer = digestAuthorization({ challenge, method: 'REGISTER', uri: 'sip:frontdesk.test', username: 'alice', password: 's3cret', nc: 1 });
    assert.ok(answer.ok);
    assert.deepEqual(verifyDigest(answer.value, 'REGISTER', 's3cret', { uri: 'sip:frontdesk.test', realm: 'frontdesk.test' }), { ok: true, username: 'alice' });
    assert.equal(verifyDigest(answer.value, 'REGISTER', 's3cret', { uri: 'sip:elsewhere' }).ok, false);
    assert.equal(verifyDigest(answer.value, 'REGISTER', 'wrong').ok, false);
    assert.equal(verifyDigest(answer.value, 'INVITE', 's3cret').ok, false);
  }
  const old = createChallenge('r', { now: Date.now() - 600_000 });
  const answer = digestAuthorization({ challenge: old, method: 'REGISTER', uri: 'sip:r', username: 'a', password: 'p' });
  assert.ok(answer.ok);
  assert.deepEqual(verifyDigest(answer.value, 'REGISTER', 'p'), { ok: false, stale: true, reason: 'nonce expired' });
  assert.match(createChallenge('r', { stale: true }), /stale=true/);
  const forged = answer.value.replace(/nonce="[^"]+"/, 'nonce="MTIz.forged"');
  assert.equal(verifyDigest(forged, 'REGISTER', 'p').ok, false);
  assert.equal(verifyDigest('garbage', 'REGISTER', 'p').ok, false);
});
