// Property tests: URI, name-addr and Via values survive format → parse unchanged, and the value
// parsers never throw on arbitrary strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatUri, parseUri, type SipUri } from './uri.js';
import { formatNameAddr, parseNameAddr } from './name-addr.js';
import { formatVia, parseVia, type Via } from './via.js';
import { parseCSeq, splitHeaderList } from './headers.js';
import { parseAuthParams } from './digest.js';

const token = fc.stringMatching(/^[a-z0-9\-.!%*_+`'~]{1,10}$/);
const plain = <T>(d: Record<string, T>): Record<string, T> => ({ ...d });
const params = fc.dictionary(token.filter((k) => k !== '__proto__'), fc.option(fc.stringMatching(/^[A-Za-z0-9\-._]{1,8}$/), { nil: null }), { maxKeys: 4 }).map(plain);
const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().filter((h) => !h.includes('.')));
const port = fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined });
const sipUri: fc.Arbitrary<SipUri> = fc.record({
  scheme: fc.constantFrom('sip' as const, 'sips' as const),
  user: fc.option(fc.stringMatching(/^[A-Za-z0-9_.+-]{1,10}$/), { nil: undefined }),
  password: fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: undefined }),
  host, port, params,
  headers: fc.dictionary(fc.stringMatching(/^[A-Za-z]{1,8}$/), fc.stringMatching(/^[A-Za-z0-9%]{1,8}$/), { maxKeys: 2 }).map(plain),
}).map((u) => {
  const uri: SipUri = { scheme: u.scheme, host: u.host, params: u.params, headers: u.headers };
  if (u.user !== undefined) uri.user = u.user;
  if (u.user !== undefined && u.password !== undefined) uri.password = u.password;
  if (u.port !== undefined) uri.port = u.port;
  return uri;
});
const telUri: fc.Arbitrary<SipUri> = fc.record({ number: fc.stringMatching(/^\+[0-9][0-9-]{0,12}$/), params })
  .map(({ number, params: p }) => ({ scheme: 'tel', user: number, host: '', params: p, headers: {} }));

test('formatUri → parseUri round-trips sip, sips and tel URIs', () => {
  fc.assert(fc.property(fc.oneof(sipUri, telUri), (uri) => {
    assert.deepEqual(parseUri(formatUri(uri)), uri);
  }), { numRuns: 500 });
});

test('formatNameAddr → parseNameAddr round-trips display names, URIs and params', () => {
  const name = fc.option(fc.string({ maxLength: 16 }).filter((s) => !/[\x00-\x1f\x7f]/.test(s)), { nil: undefined });
  fc.assert(fc.property(name, sipUri, params, (displayName, uri, p) => {
    const value = { ...(displayName !== undefined ? { displayName } : {}), uri, params: p };
    assert.deepEqual(parseNameAddr(formatNameAddr(value)), value);
  }), { numRuns: 500 });
});

test('formatVia → parseVia round-trips', () => {
  const via: fc.Arbitrary<Via> = fc.record({ transport: fc.constantFrom('UDP', 'TCP', 'TLS', 'WS', 'WSS', 'SCTP'), host, port, params })
    .map(({ transport, host: h, port: p, params: ps }) => ({ protocol: 'SIP/2.0', transport, host: h, ...(p !== undefined ? { port: p } : {}), params: ps }));
  fc.assert(fc.property(via, (v) => assert.deepEqual(parseVia(formatVia(v)), v)), { numRuns: 500 });
});

test('value parsers never throw on arbitrary text', () => {
  fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
    for (const text of [s, `sip:${s}`, `<sip:a@b>;${s}`, `SIP/2.0/UDP ${s}`, `"${s}" <sip:x@y>`, `Digest ${s}`]) {
      parseUri(text);
      parseNameAddr(text);
      parseVia(text);
      parseCSeq(text);
      splitHeaderList(text);
      parseAuthParams(text);
    }
  }), { numRuns: 1000 });
});
