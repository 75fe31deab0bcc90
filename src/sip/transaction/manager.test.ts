// Transaction state machines with short timers over an in-memory transport that records what was sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from '../parse.js';
import { buildResponse } from '../response.js';
import type { SipMessage, SipRequest, SipResponse } from '../message.js';
import type { Flow } from '../transport/types.js';
import { TransactionManager } from './manager.js';
import type { InviteClientTransaction } from './client-invite.js';
import type { InviteServerTransaction } from './server-invite.js';

const udp: Flow = { transport: 'udp', address: '127.0.0.1', port: 5099 };
const tcp: Flow = { transport: 'tcp', address: '127.0.0.1', port: 5099 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder() {
  const sent: SipMessage[] = [];
  return { sent, transport: { send: async (m: SipMessage) => void sent.push(m), sendResponse: async (m: SipResponse) => void sent.push(m) } };
}

function request(method: string, branch = 'z9hG4bKt1', extra = ''): SipRequest {
  const text = `${method} sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5099;branch=${branch}\r\n` +
    `From: <sip:a@b>;tag=f1\r\nTo: <sip:x@127.0.0.1>${extra}\r\nCall-ID: c1\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`;
  const r = parseMessage(Buffer.from(text));
  assert.ok(r.ok);
  return r.message as SipRequest;
}

const timers = { t1: 10, t2: 40, t4: 50 };

test('non-INVITE client over UDP retransmits (Timer E) then gives up with a synthesized 408 (Timer F)', async () => {
  const { sent, transport } = recorder();
  const manager = new TransactionManager(transport, timers);
  const finals: SipResponse[] = [];
  manager.startClient(request('OPTIONS'), udp, (r) => finals.push(r));
  await sleep(64 * timers.t1 + 100);
  assert.ok(sent.length > 4, `sent ${sent.length}`);
  assert.deepEqual(finals.map((r) => r.status), [408]);
  const count = sent.length;
  await sleep(100);
  assert.equal(sent.length, count, 'nothing sent after the transaction ended');
  assert.deepEqual(manager.size, { servers: 0, clients: 0 });
});

test('non-INVITE client over TCP sends once; a final response stops it', async () => {
  const { sent, transport } = recorder();
  const manager = new TransactionManager(transport, timers);
  const finals: SipResponse[] = [];
  const req = request('OPTIONS');
  manager.startClient(req, tcp, (r) => finals.push(r));
  await sleep(60);
  assert.equal(sent.length, 1);
  assert.equal(manager.handleResponse(buildResponse(req, 200)), true);
  assert.deepEqual(finals.map((r) => r.status), [200]);
});

test('INVITE server: 100 at once, retransmissions absorbed, non-2xx retransmitted until ACK', async () => {
  const { sent, transport } = recorder();
  const manager = new TransactionManager(transport, timers);
  const invite = request('INVITE');
  const outcome = manager.handleRequest(invite, udp);
  assert.equal(outcome.kind, 'new');
  assert.equal(sent.length, 0, 'the TU has 200 ms to answer before 100 Trying');
  assert.equal(manager.handleRequest(invite, udp).kind, 'absorbed');
  assert.equal((sent[0] as SipResponse).status, 100, 'a retransmitted INVITE gets 100 at once');
  await sleep(250);
  assert.equal((sent[1] as SipResponse).status, 100, '100 Trying after 200 ms');
  const tx = (outcome as { transaction: InviteServerTransaction }).transaction;
  tx.respond(buildResponse(invite, 486, undefined, { toTag: 't9' }));
  await sleep(60);
  const busy = sent.filter((m) => m.kind === 'response' && m.status === 486).length;
  assert.ok(busy >= 3, `486 sent ${busy} times`);
  assert.equal(manager.handleRequest(request('ACK', 'z9hG4bKt1', ';tag=t9'), udp).kind, 'absorbed');
  const after = sent.length;
  await sleep(60);
  assert.equal(sent.length, after, 'no retransmission after ACK');
  assert.equal(manager.handleRequest(request('ACK', 'z9hG4bKother', ';tag=t9'), udp).kind, 'ack', 'a 2xx ACK goes to the TU');
});

test('INVITE client: non-2xx is ACKed with the INVITE branch, retransmitted finals re-ACKed once passed up', async () => {
  const { sent, transport } = recorder();
  const manager = new TransactionManager(transport, timers);
  const invite = request('INVITE', 'z9hG4bKc1');
  const seen: number[] = [];
  const tx = manager.startClient(invite, udp, (r) => seen.push(r.status)) as InviteClientTransaction;
  let cancelled = false;
  tx.whenCancellable(() => (cancelled = true));
  assert.equal(cancelled, false, 'CANCEL waits for a provisional');
  manager.handleResponse(buildResponse(invite, 180, undefined, { toTag: 'r1' }));
  assert.equal(cancelled, true);
  const busy = buildResponse(invite, 486, undefined, { toTag: 'r1' });
  manager.handleResponse(busy);
  manager.handleResponse(busy);
  assert.deepEqual(seen, [180, 486]);
  const acks = sent.filter((m): m is SipRequest => m.kind === 'request' && m.method === 'ACK');
  assert.equal(acks.length, 2);
  assert.match(acks[0]!.headers.get('Via')!, /branch=z9hG4bKc1/);
  assert.match(acks[0]!.headers.get('To')!, /tag=r1/);
  assert.equal(acks[0]!.headers.get('CSeq'), '1 ACK');
  tx.terminate();
});
