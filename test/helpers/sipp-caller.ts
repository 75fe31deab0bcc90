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
  /** The caller's number (From user), e.g. +16505550142, or a sipp field such as [field0]. */
  from: string;
  /** Steps after the ACK, in order. */
  steps?: Array<{ pauseMs: number } | { speak: string; durationMs: number }>;
  /** The final response expected to the INVITE (default 200); e.g. 603 for a blocked number: ACKed, no BYE. */
  final?: number;
  /** Who ends an answered call: the caller sends BYE (default), or the callee's BYE is awaited and answered. */
  hangup?: 'caller' | 'callee';
  /** Offer telephone-event (PT 101) besides PCMU (default true). */
  telephoneEvent?: boolean;
}

const stepXml = (step: NonNullable<CallerScript['steps']>[number]): string => {
  if ('speak' in step) return `<nop><action><exec rtp_stream="${step.speak},1,0"/></action></nop>\n  <pause milliseconds="${step.durationMs}"/>`;
  return `<pause milliseconds="${step.pauseMs}"/>`;
};

const fromHeader = (from: string) => `From: <sip:${from}@[local_ip]:[local_port]>;tag=[pid]T[call_number]`;
const TO = 'To: <sip:frontdesk@[remote_ip]:[remote_port]>';

/** The INVITE from `from` with an SDP offer of PCMU (+ telephone-event), then the optional provisional responses. */
export function inviteXml(from: string, options: { telephoneEvent?: boolean } = {}): string {
  const media = options.telephoneEvent === false
    ? 'm=audio [media_port] RTP/AVP 0'
    : 'm=audio [media_port] RTP/AVP 0 101\n    a=rtpmap:101 telephone-event/8000\n    a=fmtp:101 0-15';
  return `<send retrans="500"><![CDATA[
    INVITE sip:frontdesk@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    ${fromHeader(from)}
    ${TO}
    Call-ID: [call_id]
    CSeq: 1 INVITE
    Contact: <sip:${from}@[local_ip]:[local_port]>
    Max-Forwards: 70
    Content-Type: application/sdp
    Content-Length: [len]

    v=0
    o=- 1 1 IN IP4 [media_ip]
    s=-
    c=IN IP4 [media_ip]
    t=0 0
    ${media}
  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>`;
}

/** An in-dialog request (ACK or BYE) of the answered call. */
const inDialog = (method: 'ACK' | 'BYE', from: string, cseq: number) => `<send${method === 'BYE' ? ' retrans="500"' : ''}><![CDATA[
    ${method} [next_url] SIP/2.0
    [routes]
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
    ${fromHeader(from)}
    ${TO}[peer_tag_param]
    Call-ID: [call_id]
    CSeq: ${cseq} ${method}
    Max-Forwards: 70
    Content-Length: 0
  ]]></send>`;

/** The ACK of a non-2xx final response: part of the INVITE transaction (its branch, its Request-URI). */
const rejectedAck = (from: string) => `<send><![CDATA[
    ACK sip:frontdesk@[remote_ip]:[remote_port] SIP/2.0
    Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-1]
    ${fromHeader(from)}
    ${TO}[peer_tag_param]
    Call-ID: [call_id]
    CSeq: 1 ACK
    Max-Forwards: 70
    Content-Length: 0
  ]]></send>`;

const AWAIT_BYE = `<recv request="BYE" timeout="50000"/>
  <send><![CDATA[
    SIP/2.0 200 OK
    [last_Via:]
    [last_From:]
    [last_To:]
    [last_Call-ID:]
    [last_CSeq:]
    Content-Length: 0
  ]]></send>`;

/**
 * Scenario XML for startSipp({ scenario }): INVITE with PCMU + telephone-event; on 200 the ACK, the
 * steps, then BYE (sent, or awaited with hangup: 'callee'); on another final response (e.g. 603) its
 * ACK, then the steps.
 */
export function callerScenario(script: CallerScript): string {
  const final = script.final ?? 200;
  const steps = (script.steps ?? []).map(stepXml);
  const body = final === 200
    ? [`<recv response="200" rtd="true" rrs="true"/>`, inDialog('ACK', script.from, 1), ...steps,
      script.hangup === 'callee' ? AWAIT_BYE : `${inDialog('BYE', script.from, 2)}\n  <recv response="200"/>`]
    : [`<recv response="${final}"/>`, rejectedAck(script.from), ...steps];
  return `<?xml version="1.0"?>
<scenario name="caller">
  ${inviteXml(script.from, { telephoneEvent: script.telephoneEvent })}
  ${body.join('\n  ')}
</scenario>`;
}
