// URI, name-addr, Via and CSeq accessors, and the random identifiers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUri, parseHostPort, parseUri } from './uri.js';
import { formatNameAddr, parseNameAddr, tagOf, unquote } from './name-addr.js';
import { formatVia, newBranch, newCallId, newTag, parseVia } from './via.js';
import { canonicalHeaderName, parseCSeq, splitHeaderList } from './headers.js';

test('parseUri reads sip, sips and tel URIs with user, password, IPv6, port, params and headers', () => {
  assert.deepEqual(parseUri('sip:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?Subject=hi&Priority=urgent'), {
    scheme: 'sip', user: 'alice', password: 'secret', host: '2001:db8::1', port: 5061,
    params: { transport: 'tcp', lr: null }, headers: { Subject: 'hi', Priority: 'urgent' },
  });
  assert.deepEqual(parseUri('SIPS:example.com'), { scheme: 'sips', host: 'example.com', params: {}, headers: {} });
  assert.equal(parseUri('sip:user;par=u%40example.net@example.com')?.user, 'user;par=u%40example.net');
  assert.deepEqual(parseUri('tel:+1-201-555-0123;phone-context=example.com'),
    { scheme: 'tel', user: '+1-201-555-0123', host: '', params: { 'phone-context': 'example.com' }, headers: {} });
  assert.equal(parseUri(`tel:+${'1'.repeat(8000)}x`), null);
  for (const bad of ['', 'sip:', 'http://x', 'sip:a@b:99999', 'sip:2001:db8::1', 'sip:[2001:db8::1', 'sip:a b@c', 'sip:@c', 'tel:abc!', 'sip:x@host;=v'])
    assert.equal(parseUri(bad), null, bad);
});

test('formatUri is the inverse of parseUri', () => {
  for (const s of ['sip:alice@atlanta.com', 'sips:bob:pw@[::1]:5061;transport=tls?h=v', 'sip:10.0.0.1:5080;lr', 'tel:+15551234567;ext=1'])
    assert.equal(formatUri(parseUri(s)!), s);
});

test('parseHostPort handles names, IPv4 and bracketed IPv6', () => {
  assert.deepEqual(parseHostPort('[2001:db8::1]:5060'), { host: '2001:db8::1', port: 5060 });
  assert.deepEqual(parseHostPort('192.0.2.1'), { host: '192.0.2.1' });
  assert.equal(parseHostPort('host:port'), null);
  assert.equal(parseHostPort('[nothex]'), null);
});

test('parseNameAddr reads display names (quoted, token, none), URIs and header params', () => {
  assert.deepEqual(parseNameAddr('"Bob \\"B\\" Smith" <sip:bob@biloxi.com;transport=udp>;tag=a6c85cf'), {
    displayName: 'Bob "B" Smith', uri: parseUri('sip:bob@biloxi.com;transport=udp'), params: { tag: 'a6c85cf' },
  });
  assert.equal(parseNameAddr('Anonymous  Caller <sip:c8oqz84zk7z@privacy.org>')?.displayName, 'Anonymous Caller');
  // addr-spec form: every parameter belongs to the header, not the URI.
  const spec = parseNameAddr('sip:alice@atlanta.com;tag=88sja8x');
  assert.deepEqual(spec?.params, { tag: '88sja8x' });
  assert.deepEqual(spec?.uri.params, {});
  assert.equal(parseNameAddr('<sip:a@b.com>;expires=3600;+sip.instance="<urn:uuid:1>"')?.params['+sip.instance'], '"<urn:uuid:1>"');
  assert.equal(tagOf('<sip:a@b.com>;tag=xyz'), 'xyz');
  assert.equal(tagOf('<sip:a@b.com>'), undefined);
  assert.equal(unquote('"a\\"b"'), 'a"b');
  for (const bad of ['"unterminated <sip:a@b>', '<sip:a@b', 'no uri here', '"x" sip:a@b', 'sip:a@b?x=y', '<sip:a@b>;;'])
    assert.equal(parseNameAddr(bad), null, bad);
  const round = '"A \\\\ B" <sip:a@[::1]:5060;lr>;tag=1';
  assert.equal(formatNameAddr(parseNameAddr(round)!), round);
});

test('parseVia reads protocol, transport, sent-by and params; formatVia writes it back', () => {
  const via = parseVia('SIP/2.0/udp [2001:db8::9]:5070;branch=z9hG4bK87asdks7;received=192.0.2.1;rport=5080');
  assert.deepEqual(via, {
    protocol: 'SIP/2.0', transport: 'UDP', host: '2001:db8::9', port: 5070,
    params: { branch: 'z9hG4bK87asdks7', received: '192.0.2.1', rport: '5080' },
  });
  assert.equal(formatVia(via!), 'SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bK87asdks7;received=192.0.2.1;rport=5080');
  const spaced = parseVia('SIP  / 2.0  / TCP     spindle.example.com : 5060  ; branch  =   z9hG4bK9ikj8 ;rport');
  assert.equal(formatVia(spaced!), 'SIP/2.0/TCP spindle.example.com:5060;branch=z9hG4bK9ikj8;rport');
  for (const bad of ['SIP/2.0 host', 'SIP/2.0/UDP', 'SIP/2.0/UDP host;;', 'SIP/2.0/UDP host:70000', 'garbage'])
    assert.equal(parseVia(bad), null, bad);
});

test('parseCSeq, canonical header names and list splitting', () => {
  assert.deepEqual(parseCSeq('0009 INVITE'), { seq: 9, method: 'INVITE' });
  assert.equal(parseCSeq('2147483648 INVITE'), null);
  assert.equal(parseCSeq('-1 INVITE'), null);
  assert.equal(parseCSeq('1'), null);
  assert.equal(canonicalHeaderName('i'), 'Call-ID');
  assert.equal(canonicalHeaderName('cseq'), 'CSeq');
  assert.equal(canonicalHeaderName('www-AUTHENTICATE'), 'WWW-Authenticate');
  assert.equal(canonicalHeaderName('x-custom-thing'), 'X-Custom-Thing');
  assert.deepEqual(splitHeaderList('"a,\\"b" <sip:x;p=1,2>, <sip:y>'), ['"a,\\"b" <sip:x;p=1,2>', '<sip:y>']);
});

test('newBranch carries the magic cookie; tags and Call-IDs are unique', () => {
  const branches = new Set(Array.from({ length: 1000 }, newBranch));
  assert.equal(branches.size, 1000);
  for (const b of branches) assert.match(b, /^z9hG4bK[A-Za-z0-9_-]+$/);
  assert.notEqual(newTag(), newTag());
  assert.match(newCallId('example.com'), /^[0-9a-f]+@example\.com$/);
});

test('lenient where real PBXs bend the grammar: UTF-8 unquoted display names, "#" in user parts', () => {
  assert.equal(parseNameAddr('Jürgen Müller <sip:jm@example.com>;tag=1')?.displayName, 'Jürgen Müller');
  assert.equal(parseUri('sip:*97#@pbx.example.com')?.user, '*97#');
  assert.equal(parseNameAddr('a<b <sip:x@y>'), null);
});
