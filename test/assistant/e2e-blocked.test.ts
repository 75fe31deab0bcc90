// A blocked number is declined before answering: sipp sees 603 Decline and never a 200, and the
// call's record says why. sipp's scenario fails the run if any 200 arrives.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runSipp, killAllSipp } from '../helpers/sipp.js';
import { startAssistantApp, type AssistantApp } from './e2e-harness.js';

let app: AssistantApp | undefined;
after(async () => {
  killAllSipp();
  await app?.close();
});

const scenario = (from: string) => `<?xml version="1.0"?>
<scenario name="blocked caller">
  <send retrans="500"><![CDATA[
    INVITE sip:frontdesk@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    From: <sip:${from}@[local_ip]:[local_port]>;tag=[pid]T[call_number]
    To: <sip:frontdesk@[remote_ip]:[remote_port]>
    Call-ID: [call_id]
    CSeq: 1 INVITE
    Contact: <sip:${from}@[local_ip]:[local_port]>
    Content-Type: application/sdp
    Content-Length: [len]

    v=0
    o=- 1 1 IN IP4 [media_ip]
    s=-
    c=IN IP4 [media_ip]
    t=0 0
    m=audio [media_port] RTP/AVP 0 101
    a=rtpmap:101 telephone-event/8000
  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="603"/>
  <send><![CDATA[
    ACK sip:frontdesk@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-1]
    From: <sip:${from}@[local_ip]:[local_port]>;tag=[pid]T[call_number]
    To: <sip:frontdesk@[remote_ip]:[remote_port]>[peer_tag_param]
    Call-ID: [call_id]
    CSeq: 1 ACK
    Content-Length: 0
  ]]></send>
  <pause milliseconds="1500"/>
</scenario>`;

test('blocked number: 603 Decline, no 200 ever sent, recorded as rejected', { timeout: 60_000 }, async () => {
  app = await startAssistantApp({ blocked: ['+1 900 555 0199'] });
  const result = await runSipp({ scenario: scenario('+19005550199'), target: `127.0.0.1:${app.sipPort}`, timeoutSec: 15 });
  assert.equal(result.code, 0, `sipp failed:\n${result.stderr}\n${result.logs}`);
  const callId = await app.waitForCall('+19005550199');
  assert.equal(await app.waitForFinish(callId), 'rejected-blocked');
  const record = await app.app.store.getCall(callId);
  assert.equal(record?.summary.identity, 'blocked');
  assert.deepEqual(record?.events.find((e) => e.type === 'rejected')?.data, { status: 603, reason: 'blocked' });
  assert.equal(record?.events.some((e) => e.type === 'answered'), false);
});
