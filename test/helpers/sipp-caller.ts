// A sipp caller for end-to-end tests of the real process: calls from a given number, waits for the
// greeting, speaks a recording (raw µ-law via rtp_stream, PT 0), waits, then hangs up itself (BYE).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** A WAV (e.g. a corpus file) as headerless 8 kHz µ-law, what sipp's rtp_stream sends as PT 0. */
export function toUlaw(wav: string, dir: string, name: string): string {
  const out = join(dir, `${name}.ul`);
  execFileSync('sox', [wav, '-t', 'ul', '-r', '8000', '-c', '1', out]);
  return out;
}

export interface CallerScript {
  /** The caller's number (From user), e.g. +16505550142. */
  from: string;
  /** Steps after the call is answered, in order. */
  steps: Array<{ pauseMs: number } | { speak: string; durationMs: number }>;
}

const stepXml = (step: CallerScript['steps'][number]): string => {
  if ('speak' in step) return `<nop><action><exec rtp_stream="${step.speak},1,0"/></action></nop>\n  <pause milliseconds="${step.durationMs}"/>`;
  return `<pause milliseconds="${step.pauseMs}"/>`;
};

/** Scenario XML for startSipp({ scenario }): INVITE with PCMU + telephone-event, the steps, then BYE. */
export function callerScenario(script: CallerScript): string {
  const from = `From: <sip:${script.from}@[local_ip]:[local_port]>;tag=[pid]T[call_number]`;
  const to = 'To: <sip:frontdesk@[remote_ip]:[remote_port]>';
  return `<?xml version="1.0"?>
<scenario name="caller">
  <send retrans="500"><![CDATA[
    INVITE sip:frontdesk@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    ${from}
    ${to}
    Call-ID: [call_id]
    CSeq: 1 INVITE
    Contact: <sip:${script.from}@[local_ip]:[local_port]>
    Max-Forwards: 70
    Content-Type: application/sdp
    Content-Length: [len]

    v=0
    o=- 1 1 IN IP4 [media_ip]
    s=-
    c=IN IP4 [media_ip]
    t=0 0
    m=audio [media_port] RTP/AVP 0 101
    a=rtpmap:101 telephone-event/8000
    a=fmtp:101 0-15
  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true" rrs="true"/>
  <send><![CDATA[
    ACK [next_url] SIP/2.0
    [routes]
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    ${from}
    ${to}[peer_tag_param]
    Call-ID: [call_id]
    CSeq: 1 ACK
    Max-Forwards: 70
    Content-Length: 0
  ]]></send>
  ${script.steps.map(stepXml).join('\n  ')}
  <send retrans="500"><![CDATA[
    BYE [next_url] SIP/2.0
    [routes]
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    ${from}
    ${to}[peer_tag_param]
    Call-ID: [call_id]
    CSeq: 2 BYE
    Max-Forwards: 70
    Content-Length: 0
  ]]></send>
  <recv response="200"/>
</scenario>`;
}
