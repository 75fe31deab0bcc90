// Digest against real peers: our client answers kamailio's challenge (qop=auth) and registers; sipp's
// digest answers our createChallenge and passes verifyDigest, while a wrong password is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { buildResponse, createHeaders, parseMessage, serializeMessage, type SipRequest, type SipResponse } from '../../src/sip/message.js';
import { newBranch, newCallId, newTag } from '../../src/sip/via.js';
import { createChallenge, digestAuthorization, verifyDigest } from '../../src/sip/digest.js';
import { startKamailio } from '../helpers/kamailio.js';
import { killAllSipp, runSipp } from '../helpers/sipp.js';

after(killAllSipp);

/** Sends a request over UDP (retransmitting every 300 ms) until a final response arrives. */
function transact(socket: Socket, port: number, request: SipRequest): Promise<SipResponse> {
  return new Promise((resolve, reject) => {
    const bytes = serializeMessage(request);
    const send = () => socket.send(bytes, port, '127.0.0.1');
    const timer = setInterval(send, 300);
    const giveUp = setTimeout(() => { cleanup(); reject(new Error(`no final response to ${request.method}`)); }, 8000);
    const onMessage = (data: Buffer) => {
      const r = parseMessage(data);
      if (!r.ok || r.message.kind !== 'response' || r.message.status < 200) return;
      if (r.message.headers.get('CSeq') !== request.headers.get('CSeq')) return;
      cleanup();
      resolve(r.message);
    };
    const cleanup = () => { clearInterval(timer); clearTimeout(giveUp); socket.off('message', onMessage); };
    socket.on('message', onMessage);
    send();
  });
}

async function register(kamPort: number, password: string): Promise<{ first: SipResponse; second: SipResponse; contact: string }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const local = socket.address().port;
  const uri = `sip:127.0.0.1:${kamPort}`;
  const contact = `<sip:alice@127.0.0.1:${local}>`;
  const callId = newCallId();
  const tag = newTag();
  const make = (seq: number, authorization?: string): SipRequest => {
    const headers = createHeaders({
      Via: `SIP/2.0/UDP 127.0.0.1:${local};branch=${newBranch()};rport`, 'Max-Forwards': '70',
      From: `<sip:alice@127.0.0.1>;tag=${tag}`, To: '<sip:alice@127.0.0.1>', 'Call-ID': callId,
      CSeq: `${seq} REGISTER`, Contact: contact, Expires: '60',
    });
    if (authorization) headers.set('Authorization', authorization);
    return { kind: 'request', method: 'REGISTER', uri, headers, body: Buffer.alloc(0) };
  };
  try {
    const first = await transact(socket, kamPort, make(1));
    assert.equal(first.status, 401);
    const answer = digestAuthorization({ challenge: first.headers.get('WWW-Authenticate')!, method: 'REGISTER', uri, username: 'alice', password, nc: 1 });
    assert.ok(answer.ok, answer.ok ? '' : answer.error);
    assert.match(answer.value, /qop=auth/);
    const second = await transact(socket, kamPort, make(2, answer.value));
    return { first, second, contact };
  } finally {
    socket.close();
  }
}

test('our digest client registers with kamailio; a wrong password is challenged again', async () => {
  const kam = await startKamailio({ users: { alice: 's3cret' } });
  try {
    const good = await register(kam.port, 's3cret');
    assert.equal(good.second.status, 200, kam.log().slice(-2000));
    assert.ok(kam.contacts('alice').some((c) => good.contact.includes(c.replace(/^<|>$/g, ''))), kam.contacts('alice').join());
    const bad = await register(kam.port, 'wrong');
    assert.equal(bad.second.status, 401);
  } finally {
    await kam.stop();
  }
});

const REGISTER_SCENARIO = (password: string, expect: number) => `<?xml version="1.0"?>
<scenario name="register-auth">
  <send retrans="500"><![CDATA[
    REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    From: <sip:alice@[remote_ip]>;tag=[pid]T[call_number]
    To: <sip:alice@[remote_ip]>
    Call-ID: [call_id]
    CSeq: 1 REGISTER
    Contact: <sip:alice@[local_ip]:[local_port]>
    Expires: 60
    Max-Forwards: 70
    Content-Length: 0
  ]]></send>
  <recv response="401" auth="true"/>
  <send retrans="500"><![CDATA[
    REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    From: <sip:alice@[remote_ip]>;tag=[pid]T[call_number]
    To: <sip:alice@[remote_ip]>
    Call-ID: [call_id]
    CSeq: 2 REGISTER
    Contact: <sip:alice@[local_ip]:[local_port]>
    [authentication username=alice password=${password}]
    Expires: 60
    Max-Forwards: 70
    Content-Length: 0
  ]]></send>
  <recv response="${expect}"/>
</scenario>`;

test('sipp answers our challenge and our verifyDigest accepts the right password only', async () => {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const verdicts: string[] = [];
  socket.on('message', (data: Buffer, from) => {
    const r = parseMessage(data);
    if (!r.ok || r.message.kind !== 'request') return;
    const req = r.message;
    const authorization = req.headers.get('Authorization');
    let response: SipResponse;
    if (!authorization) {
      response = buildResponse(req, 401, undefined, { toTag: newTag(), headers: { 'WWW-Authenticate': createChallenge('frontdesk.test') } });
    } else {
      const verdict = verifyDigest(authorization, req.method, 's3cret', { realm: 'frontdesk.test' });
      verdicts.push(verdict.ok ? `ok:${verdict.username}` : verdict.reason);
      response = buildResponse(req, verdict.ok ? 200 : 403, undefined, { toTag: newTag() });
    }
    socket.send(serializeMessage(response), from.port, from.address);
  });
  try {
    const target = `127.0.0.1:${socket.address().port}`;
    const good = await runSipp({ scenario: REGISTER_SCENARIO('s3cret', 200), target, timeoutSec: 10 });
    assert.equal(good.code, 0, good.stdout + good.logs);
    const bad = await runSipp({ scenario: REGISTER_SCENARIO('nope', 403), target, timeoutSec: 10 });
    assert.equal(bad.code, 0, bad.stdout + bad.logs);
    assert.deepEqual([...new Set(verdicts)], ['ok:alice', 'wrong credentials']);  // a retransmission may repeat one
  } finally {
    socket.close();
  }
});
