// Property tests: parseMessage never throws on random or mutated bytes, and parse(serialize(m))
// reproduces every generated valid message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHeaders, parseMessage, serializeMessage, type SipMessage } from './message.js';
import { formatNameAddr } from './name-addr.js';
import { formatVia } from './via.js';
import { StreamFramer } from './framing.js';

const token = fc.stringMatching(/^[A-Za-z0-9\-.!%*_+`'~]{1,12}$/);
const text = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/);
const host = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9](\.[a-z]{2,5}){0,2}$/),
  fc.ipV4(),
  fc.constantFrom('2001:db8::1', '::1', 'fe80::1:2'),
);
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const uri = fc.record({ user: fc.stringMatching(/^[a-z0-9_.+-]{1,10}$/), host, port })
  .map(({ user, host: h, port: p }) => ({ scheme: 'sip' as const, user, host: h, ...(p ? { port: p } : {}), params: {}, headers: {} }));
const nameAddr = fc.record({ displayName: fc.option(fc.string({ maxLength: 12 }).filter((s) => !/[\x00-\x1f\x7f]/.test(s)), { nil: undefined }), uri, tag: token })
  .map(({ displayName, uri: u, tag }) => formatNameAddr({ ...(displayName !== undefined ? { displayName } : {}), uri: u, params: { tag } }));
const via = fc.record({ transport: fc.constantFrom('UDP', 'TCP', 'TLS', 'WS'), host, port, branch: token })
  .map(({ transport, host: h, port: p, branch }) => formatVia({ protocol: 'SIP/2.0', transport, host: h, ...(p ? { port: p } : {}), params: { branch: `z9hG4bK${branch}`, rport: null } }));
const extraHeader = fc.tuple(token.map((t) => `X-${t}`), text);

const message: fc.Arbitrary<SipMessage> = fc.record({
  request: fc.boolean(),
  method: fc.constantFrom('INVITE', 'ACK', 'BYE', 'OPTIONS', 'REGISTER', 'X-CUSTOM'),
  status: fc.integer({ min: 100, max: 699 }),
  reason: fc.oneof(fc.constant(''), text),
  target: uri,
  vias: fc.array(via, { minLength: 1, maxLength: 3 }),
  from: nameAddr,
  to: nameAddr,
  callId: token,
  seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  extra: fc.array(extraHeader, { maxLength: 6 }),
  body: fc.uint8Array({ maxLength: 200 }),
}).map((g) => {
  const headers = createHeaders();
  for (const v of g.vias) headers.append('Via', v);
  headers.append('From', g.from);
  headers.append('To', g.to);
  headers.append('Call-ID', g.callId);
  headers.append('CSeq', `${g.seq} ${g.method}`);
  for (const [n, v] of g.extra) headers.append(n, v);
  headers.append('Content-Length', String(g.body.length));
  const body = Buffer.from(g.body);
  const target = `sip:${g.target.user}@${g.target.host.includes(':') ? `[${g.target.host}]` : g.target.host}`;
  return g.request
    ? { kind: 'request' as const, method: g.method, uri: target, headers, body }
    : { kind: 'response' as const, status: g.status, reason: g.reason, headers, body };
});

test('parse(serialize(m)) equals m for generated valid messages', () => {
  fc.assert(fc.property(message, (m) => {
    const r = parseMessage(serializeMessage(m));
    assert.ok(r.ok, r.ok ? '' : r.error);
    const { headers, ...rest } = r.message;
    const { headers: expectedHeaders, ...expectedRest } = m;
    assert.deepEqual(rest, expectedRest);
    assert.deepEqual(headers.entries(), expectedHeaders.entries());
  }), { numRuns: 400 });
});

test('parseMessage never throws on random bytes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
    const r = parseMessage(Buffer.from(bytes));
    if (!r.ok) assert.doesNotMatch(r.error, /parser fault/);
  }), { numRuns: 1000 });
});

test('parseMessage and StreamFramer never throw on mutated valid messages', () => {
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 8 }), insert: fc.uint8Array({ maxLength: 8 }) });
  fc.assert(fc.property(message, fc.array(edit, { minLength: 1, maxLength: 5 }), (m, edits) => {
    let bytes = serializeMessage(m);
    for (const e of edits) {
      const at = e.at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(e.insert), bytes.subarray(at + e.cut)]);
    }
    const r = parseMessage(bytes);
    if (!r.ok) assert.doesNotMatch(r.error, /parser fault/);
    const framer = new StreamFramer();
    for (const event of framer.push(bytes)) {
      if (event.kind !== 'message') continue;
      const framed = parseMessage(event.data);
      if (!framed.ok) assert.doesNotMatch(framed.error, /parser fault/);
    }
  }), { numRuns: 600 });
});
