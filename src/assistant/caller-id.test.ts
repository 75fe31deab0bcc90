// Caller identity from SIP headers: precedence, E.164 normalization, anonymous and withheld callers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifyCaller, toE164 } from './caller-id.js';

const facts = (h: { from?: string; pai?: string; rpid?: string; privacy?: string }) => ({
  from: h.from ?? '', assertedIdentity: h.pai, remotePartyId: h.rpid,
  header: (name: string) => (name.toLowerCase() === 'privacy' ? h.privacy : undefined),
});

test('P-Asserted-Identity wins over Remote-Party-ID and From', () => {
  const id = identifyCaller(facts({ pai: '"Bob" <sip:+16505550101@carrier.example>', rpid: '<sip:2125550188@x>;party=calling', from: '<sip:4155550123@y>;tag=1' }), 'US');
  assert.deepEqual(id, { number: '+16505550101', raw: '+16505550101', anonymous: false, source: 'p-asserted-identity' });
});

test('Remote-Party-ID, then From, normalized with the default region', () => {
  assert.equal(identifyCaller(facts({ rpid: '<sip:(212) 555-0188@x>;party=calling', from: '<sip:1@y>' }), 'US').number, '+12125550188');
  const from = identifyCaller(facts({ from: '"Maria" <sip:4155550123@pbx.example;user=phone>;tag=abc' }), 'US');
  assert.equal(from.number, '+14155550123');
  assert.equal(from.source, 'from');
  assert.equal(identifyCaller(facts({ from: '<tel:+44-20-7946-0958>;tag=1' }), 'US').number, '+442079460958');
});

test('a P-Asserted-Identity listing a sip: and a tel: URI', () => {
  assert.equal(identifyCaller(facts({ pai: '<sip:alice@example.com>, <tel:+16505550101>' }), 'US').raw, 'alice');
  assert.equal(identifyCaller(facts({ pai: '<tel:+16505550101>, <sip:alice@example.com>' }), 'US').number, '+16505550101');
});

test('anonymous and withheld callers are unknown', () => {
  for (const h of [
    { from: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1' },
    { from: '<sip:restricted@carrier>;tag=1' },
    { rpid: '<sip:6505550101@x>;party=calling;privacy=full', from: '<sip:6505550101@x>' },
    { from: '<sip:6505550101@x>;tag=1', privacy: 'id' },
    {},
  ]) {
    const id = identifyCaller(facts(h), 'US');
    assert.equal(id.anonymous, true, JSON.stringify(h));
    assert.equal(id.number, undefined);
  }
});

test('non-numeric users are kept raw without a number', () => {
  const id = identifyCaller(facts({ from: '<sip:sipp@127.0.0.1:5060>;tag=1' }), 'US');
  assert.equal(id.number, undefined);
  assert.equal(id.raw, 'sipp');
  assert.equal(id.anonymous, false);
});

test('toE164 rejects junk', () => {
  assert.equal(toE164('abc', 'US'), undefined);
  assert.equal(toE164('12', 'US'), undefined);
  assert.equal(toE164('+1 650 555 0101', 'US'), '+16505550101');
});
