// Wireshark's SIP/SDP dissectors as an independent reader of what we serialize: an INVITE with our SDP
// offer, 180/200 built by buildResponse with our answer, a digest REGISTER and a BYE, captured on loopback.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { buildResponse, createHeaders, serializeMessage, type SipMessage, type SipRequest } from '../../src/sip/message.js';
import { newBranch, newCallId, newTag } from '../../src/sip/via.js';
import { serializeSdp } from '../../src/sip/sdp.js';
import { answerOffer, createOffer } from '../../src/sip/sdp-negotiate.js';
import { createChallenge, digestAuthorization } from '../../src/sip/digest.js';
import { killAllTshark, startCapture } from '../helpers/tshark.js';

after(killAllTshark);

function request(method: string, seq: number, body = Buffer.alloc(0), extra: Record<string, string> = {}): SipRequest {
  const headers = createHeaders({
    Via: `SIP/2.0/UDP 127.0.0.1:5099;branch=${newBranch()};rport`, 'Max-Forwards': '70',
    From: `"Front Desk" <sip:frontdesk@127.0.0.1>;tag=${newTag()}`, To: '<sip:agent@127.0.0.1>',
    'Call-ID': 'tshark-' + newCallId(), CSeq: `${seq} ${method}`, Contact: '<sip:frontdesk@127.0.0.1:5099>', ...extra,
  });
  if (body.length) headers.set('Content-Type', 'application/sdp');
  return { kind: 'request', method, uri: 'sip:agent@127.0.0.1', headers, body };
}

test('tshark dissects our messages and SDP without complaint and reads back the same fields', async () => {
  const receiver = createSocket('udp4');
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
  const port = receiver.address().port;
  const capture = await startCapture(`udp port ${port}`, 30);
  try {
    const offer = createOffer({ address: '127.0.0.1', port: 41000, codecs: ['opus', 'PCMU', 'PCMA'], ptime: 20 });
    const invite = request('INVITE', 1, Buffer.from(serializeSdp(offer)));
    const answer = answerOffer(offer, { address: '127.0.0.1', port: 42000, codecs: ['PCMA'], ptime: 20 });
    assert.ok(answer.ok);
    const auth = digestAuthorization({ challenge: createChallenge('frontdesk.test'), method: 'REGISTER', uri: 'sip:127.0.0.1', username: 'alice', password: 'x' });
    assert.ok(auth.ok);
    const messages: SipMessage[] = [
      invite,
      buildResponse(invite, 180, undefined, { toTag: 'callee1' }),
      buildResponse(invite, 200, undefined, { toTag: 'callee1', body: Buffer.from(serializeSdp(answer.answer)), headers: { 'Content-Type': 'application/sdp' } }),
      request('REGISTER', 2, undefined, { Authorization: auth.value, Expires: '60' }),
      request('BYE', 3),
    ];
    const sender = createSocket('udp4');
    for (const m of messages) await new Promise<void>((resolve) => sender.send(serializeMessage(m), port, '127.0.0.1', () => resolve()));
    sender.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await capture.stop();
    const fields = ['sip.Method', 'sip.Status-Code', 'sip.CSeq.seq', 'sip.to.tag', 'sdp.media.port', 'sdp.media.format', 'sdp.mime.type', 'sip.auth.username', '_ws.malformed', '_ws.expert.severity'];
    const out = spawnSync('tshark', ['-r', capture.file, '-d', `udp.port==${port},sip`, '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
    const rows = out.stdout.trim().split('\n').map((l) => l.split('|'));
    assert.equal(rows.length, 5, out.stdout + out.stderr);
    const col = (name: string) => rows.map((r) => r[fields.indexOf(name)]);
    assert.deepEqual(col('sip.Method'), ['INVITE', '', '', 'REGISTER', 'BYE']);
    assert.deepEqual(col('sip.Status-Code'), ['', '180', '200', '', '']);
    assert.deepEqual(col('sip.CSeq.seq'), ['1', '1', '1', '2', '3']);
    assert.deepEqual(col('sip.to.tag'), ['', 'callee1', 'callee1', '', '']);
    assert.deepEqual(col('sdp.media.port'), ['41000', '', '42000', '', '']);
    assert.deepEqual(col('sip.auth.username'), ['', '', '', '"alice"', '']);
    assert.match(col('sdp.mime.type')[0]!, /^opus,PCMU,PCMA,telephone-event,telephone-event$/);
    assert.match(col('sdp.media.format')[2]!, /ITU-T G\.711 PCMA/);
    assert.deepEqual(col('_ws.malformed'), ['', '', '', '', ''], out.stdout);
    assert.deepEqual(col('_ws.expert.severity'), ['', '', '', '', ''], out.stdout);
  } finally {
    await capture.stop();
    capture.remove();
    receiver.close();
  }
});
