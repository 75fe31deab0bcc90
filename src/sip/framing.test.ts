// StreamFramer: messages split and coalesced across chunks, RFC 5626 keep-alives, fatal framing errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamFramer, type FramerEvent } from './framing.js';

const msg = (body: string, lengthHeader = `Content-Length: ${Buffer.byteLength(body)}`) =>
  Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n${lengthHeader}\r\n\r\n${body}`);

const kinds = (events: FramerEvent[]) => events.map((e) => (e.kind === 'message' ? `message:${e.data.length}` : e.kind));

test('yields complete messages whatever the chunking', () => {
  const a = msg('hello');
  const b = msg('', 'l: 0');
  const stream = Buffer.concat([a, b, a]);
  for (const size of [1, 3, 7, 50, stream.length]) {
    const framer = new StreamFramer();
    const out: FramerEvent[] = [];
    for (let i = 0; i < stream.length; i += size) out.push(...framer.push(stream.subarray(i, i + size)));
    assert.deepEqual(kinds(out), [`message:${a.length}`, `message:${b.length}`, `message:${a.length}`], `chunk ${size}`);
    assert.deepEqual((out[0] as { data: Buffer }).data, a);
    assert.equal(framer.pending, 0);
  }
});

test('reports a CRLFCRLF ping and a CRLF pong between messages', () => {
  const framer = new StreamFramer();
  assert.deepEqual(kinds(framer.push(Buffer.from('\r\n\r\n'))), ['ping']);
  assert.deepEqual(kinds(framer.push(Buffer.from('\r\n'))), ['pong']);
  const m = msg('x');
  assert.deepEqual(kinds(framer.push(Buffer.concat([Buffer.from('\r\n\r\n'), m, Buffer.from('\r\n')]))), ['ping', `message:${m.length}`, 'pong']);
});

test('missing Content-Length or an over-size message is fatal for the stream', () => {
  const framer = new StreamFramer();
  assert.deepEqual(framer.push(msg('', 'X-No-Length: 1')), [{ kind: 'error', error: 'missing Content-Length' }]);
  assert.equal(framer.push(msg('ok'))[0]?.kind, 'error');
  const small = new StreamFramer({ maxBytes: 200 });
  assert.deepEqual(kinds(small.push(msg('', 'Content-Length: 500'))), ['error']);
  const endless = new StreamFramer({ maxBytes: 200 });
  assert.deepEqual(kinds(endless.push(Buffer.from('INVITE sip:a@b SIP/2.0\r\n' + 'X: y\r\n'.repeat(60)))), ['error']);
});

test('waits for the rest of a partial message', () => {
  const framer = new StreamFramer();
  const m = msg('0123456789');
  assert.deepEqual(framer.push(m.subarray(0, m.length - 3)), []);
  assert.equal(framer.pending, m.length - 3);
  assert.deepEqual(kinds(framer.push(m.subarray(m.length - 3))), [`message:${m.length}`]);
});

test('a large message delivered one byte at a time comes out whole', () => {
  const m = msg('x'.repeat(60_000));
  const framer = new StreamFramer();
  const out: FramerEvent[] = [];
  for (let i = 0; i < m.length; i++) out.push(...framer.push(m.subarray(i, i + 1)));
  assert.deepEqual(kinds(out), [`message:${m.length}`]);
  assert.deepEqual((out[0] as { data: Buffer }).data, m);
});
