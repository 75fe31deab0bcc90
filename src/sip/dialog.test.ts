// Dialog state from INVITE/2xx and in-dialog request construction (route sets, CSeq).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from './parse.js';
import type { SipRequest, SipResponse } from './message.js';
import { Dialog } from './dialog.js';

const flow = { transport: 'udp' as const, address: '10.0.0.1', port: 5060 };

function msg(text: string): SipRequest | SipResponse {
  const r = parseMessage(Buffer.from(text.replace(/\n/g, '\r\n')));
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.message;
}

const invite = msg(`INVITE sip:fd@10.0.0.2 SIP/2.0
Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1
Record-Route: <sip:p1.example;lr>, <sip:p2.example;lr>
From: "Alice" <sip:alice@example>;tag=a1
To: <sip:fd@10.0.0.2>
Call-ID: c1
CSeq: 10 INVITE
Contact: <sip:alice@10.0.0.1:5070>
Content-Length: 0

`) as SipRequest;

test('UAS dialog: route set in Record-Route order, remote target from Contact, CSeq rises', () => {
  const d = Dialog.asUas(invite, 'us1', flow);
  const bye = d.createRequest('BYE');
  assert.equal(bye.uri, 'sip:alice@10.0.0.1:5070');
  assert.deepEqual(bye.headers.getAll('Route'), ['<sip:p1.example;lr>', '<sip:p2.example;lr>']);
  assert.equal(bye.headers.get('From'), '<sip:fd@10.0.0.2>;tag=us1');
  assert.equal(bye.headers.get('To'), '"Alice" <sip:alice@example>;tag=a1');
  const first = Number(bye.headers.get('CSeq')!.split(' ')[0]);
  assert.equal(Number(d.createRequest('INFO').headers.get('CSeq')!.split(' ')[0]), first + 1);
  assert.equal(d.nextHop(), 'sip:p1.example;lr');
});

test('acceptRemoteSeq refuses a lower CSeq but allows ACK', () => {
  const d = Dialog.asUas(invite, 'us1', flow);
  const lower = msg(`BYE sip:fd@10.0.0.2 SIP/2.0
Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK2
From: <sip:alice@example>;tag=a1
To: <sip:fd@10.0.0.2>;tag=us1
Call-ID: c1
CSeq: 9 BYE
Content-Length: 0

`) as SipRequest;
  assert.equal(d.acceptRemoteSeq(lower), false);
  lower.headers.set('CSeq', '11 BYE');
  assert.equal(d.acceptRemoteSeq(lower), true);
});

test('UAC dialog: reversed Record-Route; strict route moves into the Request-URI', () => {
  const ok = msg(`SIP/2.0 200 OK
Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1
Record-Route: <sip:p2.example>, <sip:p1.example;lr>
From: <sip:fd@10.0.0.2>;tag=us2
To: <sip:bob@example>;tag=b1
Call-ID: c2
CSeq: 1 INVITE
Contact: <sip:bob@10.0.0.9>
Content-Length: 0

`) as SipResponse;
  const ours = msg(`INVITE sip:bob@example SIP/2.0
Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1
From: <sip:fd@10.0.0.2>;tag=us2
To: <sip:bob@example>
Call-ID: c2
CSeq: 1 INVITE
Content-Length: 0

`) as SipRequest;
  const d = Dialog.asUac(ours, ok, flow);
  const bye = d.createRequest('BYE');
  // route set is p1 (lr), p2 (strict): the first is loose, so R-URI stays the remote target.
  assert.equal(bye.uri, 'sip:bob@10.0.0.9');
  assert.deepEqual(bye.headers.getAll('Route'), ['<sip:p1.example;lr>', '<sip:p2.example>']);
  assert.equal(bye.headers.get('CSeq'), '2 BYE');
  const strict = Dialog.asUac(ours, { ...ok, headers: (() => { const h = ok.headers.clone(); h.set('Record-Route', '<sip:p3.example>'); return h; })() }, flow);
  const req = strict.createRequest('BYE');
  assert.equal(req.uri, 'sip:p3.example');
  assert.deepEqual(req.headers.getAll('Route'), ['<sip:bob@10.0.0.9>']);
});
