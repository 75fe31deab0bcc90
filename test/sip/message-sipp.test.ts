// The pure protocol libraries against a real peer: a tiny UAS/UAC built only from parseMessage,
// buildResponse, serializeMessage, StreamFramer and SDP offer/answer completes calls with sipp (UDP and TCP).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import { buildResponse, createHeaders, parseMessage, serializeMessage, type SipMessage, type SipRequest } from '../../src/sip/message.js';
import { StreamFramer } from '../../src/sip/framing.js';
import { newBranch, newCallId, newTag } from '../../src/sip/via.js';
import { parseSdp, serializeSdp } from '../../src/sip/sdp.js';
import { acceptAnswer, answerOffer, createOffer } from '../../src/sip/sdp-negotiate.js';
import { killAllSipp, runSipp, startSipp } from '../helpers/sipp.js';
import { freeUdpPort } from '../helpers/ports.js';

after(killAllSipp);

/** Answers INVITE with 100/180/200+SDP and BYE with 200; records what it parsed. */
function respond(data: Buffer, send: (m: SipMessage) => void, seen: string[]): void {
  const r = parseMessage(data);
  if (!r.ok) {
    seen.push(`error:${r.error}`);
    if (r.request) send(buildResponse(r.request, 400, r.error));
    return;
  }
  if (r.message.kind !== 'request') return;
  const req = r.message;
  seen.push(req.method);
  if (req.method === 'INVITE') {
    const offer = parseSdp(req.body);
    assert.ok(offer.ok);
    const answer = answerOffer(offer.sdp, { address: '127.0.0.1', port: 40000, codecs: ['PCMA', 'PCMU'], ptime: 20 });
    if (!answer.ok) return send(buildResponse(req, 488, answer.reason));
    send(buildResponse(req, 100));
    send(buildResponse(req, 180, undefined, { toTag: 'uas1' }));
    send(buildResponse(req, 200, undefined, {
      toTag: 'uas1', body: Buffer.from(serializeSdp(answer.answer)),
      headers: { Contact: '<sip:uas@127.0.0.1>', 'Content-Type': 'application/sdp' },
    }));
  } else if (req.method === 'BYE' || req.method === 'OPTIONS') send(buildResponse(req, 200));
}

test('sipp calls our UDP responder: INVITE/ACK/BYE parsed, answered and accepted by sipp', async () => {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const seen: string[] = [];
  socket.on('message', (data: Buffer, from: RemoteInfo) =>
    respond(data, (m) => socket.send(serializeMessage(m), from.port, from.address), seen));
  try {
    const result = await runSipp({ scenario: 'uac', target: `127.0.0.1:${socket.address().port}`, service: 'frontdesk', timeoutSec: 10 });
    assert.equal(result.code, 0, result.stdout + result.logs);
    assert.deepEqual(seen, ['INVITE', 'ACK', 'BYE']);
  } finally {
    socket.close();
  }
});

test('sipp calls our TCP responder: StreamFramer cuts the stream into messages', async () => {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((conn) => {
    sockets.add(conn);
    const framer = new StreamFramer();
    conn.on('data', (chunk: Buffer) => {
      for (const event of framer.push(chunk)) {
        if (event.kind === 'message') respond(event.data, (m) => conn.write(serializeMessage(m)), seen);
        else if (event.kind === 'ping') conn.write('\r\n');
        else if (event.kind === 'error') conn.destroy();
      }
    });
    conn.on('error', () => conn.destroy());
    conn.on('close', () => sockets.delete(conn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const result = await runSipp({ scenario: 'uac', target: `127.0.0.1:${port}`, service: 'frontdesk', transport: 't1', timeoutSec: 10 });
    assert.equal(result.code, 0, result.stdout + result.logs);
    assert.deepEqual(seen, ['INVITE', 'ACK', 'BYE']);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('we call sipp: our serialized INVITE, ACK and BYE satisfy sipp uas, and we read its 200 and SDP', async () => {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const local = socket.address().port;
  const sipp = await startSipp({ scenario: 'uas', timeoutSec: 10 });
  const target = `sip:service@127.0.0.1:${sipp.port}`;
  const callId = newCallId('127.0.0.1');
  const from = `<sip:frontdesk@127.0.0.1:${local}>;tag=${newTag()}`;
  const request = (method: string, seq: number, to: string, body = Buffer.alloc(0)): SipRequest => {
    const headers = createHeaders({
      Via: `SIP/2.0/UDP 127.0.0.1:${local};branch=${newBranch()};rport`, 'Max-Forwards': '70', From: from, To: to,
      'Call-ID': callId, CSeq: `${seq} ${method}`, Contact: `<sip:frontdesk@127.0.0.1:${local}>`,
    });
    if (body.length) headers.set('Content-Type', 'application/sdp');
    return { kind: 'request', method, uri: target, headers, body };
  };
  const responses: SipMessage[] = [];
  let wake: () => void = () => {};
  socket.on('message', (data: Buffer) => {
    const r = parseMessage(data);
    assert.ok(r.ok, r.ok ? '' : r.error);
    responses.push(r.message);
    wake();
  });
  let sippExited = false;
  void sipp.done.then(() => { sippExited = true; wake(); });
  const waitFor = async (status: number, method: string) => {
    for (;;) {
      const hit = responses.find((m) => m.kind === 'response' && m.status === status && m.headers.get('CSeq')?.endsWith(method));
      if (hit) return hit;
      if (sippExited) throw new Error(`sipp exited before ${status} ${method}`);
      await new Promise<void>((resolve) => { wake = resolve; });
    }
  };
  const send = (m: SipMessage) => socket.send(serializeMessage(m), sipp.port, '127.0.0.1');
  try {
    const offer = createOffer({ address: '127.0.0.1', port: await freeUdpPort(2), codecs: ['PCMU'], ptime: 20 });
    const invite = request('INVITE', 1, `<${target}>`, Buffer.from(serializeSdp(offer)));
    // Retransmitted like Timer A: sipp may not be listening yet when the first one leaves.
    send(invite);
    const retransmit = setInterval(() => { if (responses.length === 0) send(invite); }, 300);
    const ok = await waitFor(200, 'INVITE').finally(() => clearInterval(retransmit));
    const answer = parseSdp(ok.body);
    assert.ok(answer.ok);
    const media = acceptAnswer(offer, answer.sdp);
    assert.ok(media.ok, media.ok ? '' : media.reason);
    assert.equal(media.media.codec.name, 'PCMU');
    const to = ok.headers.get('To')!;
    assert.match(to, /;tag=/);
    send(request('ACK', 1, to));
    send(request('BYE', 2, to));
    await waitFor(200, 'BYE');
    const result = await sipp.done;
    assert.equal(result.code, 0, result.stdout + result.logs);
  } finally {
    await sipp.stop();
    socket.close();
  }
});
