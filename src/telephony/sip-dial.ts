// Outbound SIP legs (UAC INVITE with our SDP offer, digest on 401/407, CANCEL on timeout): used by
// SipTelephony.dial, bridge transfers, `frontdesk call` and callbacks.
import { randomUUID } from 'node:crypto';
import { createHeaders, parseCSeq } from '../sip/headers.js';
import { MediaSession } from '../media/session.js';
import { Dialog } from '../sip/dialog.js';
import type { SipRequest } from '../sip/message.js';
import { timerFromAnswer } from '../sip/session-timer.js';
import type { InviteClientTransaction } from '../sip/transaction/client-invite.js';
import { capabilityHeaders } from '../sip/ua-capabilities.js';
import { cancelInvite, type Credentials } from '../sip/ua-client.js';
import { newCallId, newTag } from '../sip/via.js';
import { resolveTarget } from '../sip/transport/resolve.js';
import type { Flow } from '../sip/transport/types.js';
import { CallMedia } from './sip-call-media.js';
import { SipCall } from './sip-call.js';
import { factsFromInvite } from './sip-call-facts.js';
import type { AnswerEnvironment } from './sip-incoming-call.js';
import type { DialOptions, SipLegContext } from './sip-leg-context.js';
import { startSessionTimer } from './sip-session-refresh.js';
import { watchRtp } from './sip-rtp-watchdog.js';

export interface DialRequest extends DialOptions {
  target: string;
  /** Our identity, e.g. sip:frontdesk@pbx.example.com. */
  fromUri: string;
  credentials?: Credentials;
  /** Next hop for the INVITE (outbound proxy), and the transport to reach it with. */
  proxy?: string;
  proxyTransport?: Flow['transport'];
}

export async function dialSip(context: SipLegContext, environment: AnswerEnvironment, request: DialRequest): Promise<SipCall> {
  const { ua } = context;
  const id = randomUUID();
  const session = await MediaSession.open({
    localAddress: environment.bindAddress, ports: environment.ports,
    jitterBufferMs: environment.media.jitterBufferMs, logger: context.logger.child({ callId: id }),
  });
  const media = new CallMedia(session, { address: environment.advertisedAddress, codecs: environment.media.codecs, ptime: environment.media.ptime });
  let destination: Flow | undefined;
  if (request.proxy) {
    try {
      const flow = await resolveTarget(request.proxy);
      destination = request.proxyTransport ? { ...flow, transport: request.proxyTransport } : flow;
    } catch (err) {
      session.close();
      throw new Error(`call to ${request.target} failed: outbound proxy ${request.proxy}: ${(err as Error).message}`);
    }
  }
  const invite = buildInvite(context, request, media.offer(), destination?.transport);
  let transaction: InviteClientTransaction | undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (transaction) void cancelInvite(ua.client, transaction, 'SIP;cause=408;text="no answer"');
  }, request.timeoutMs ?? 60_000);
  const response = await ua.request(invite, {
    ...(destination ? { destination } : {}),
    ...(request.credentials ? { credentials: request.credentials } : {}),
    onInviteTransaction: (t) => (transaction = t),
  });
  clearTimeout(timer);
  if (response.status < 200 || response.status >= 300 || !transaction) {
    session.close();
    const why = timedOut ? 'no answer before the timeout' : `${response.status} ${response.reason}`;
    throw new Error(`call to ${request.target} failed: ${why}`);
  }
  const sent = transaction.request;
  const dialog = Dialog.asUac(sent, response, transaction.flow);
  const seq = parseCSeq(sent.headers.get('CSeq') ?? '')?.seq ?? 1;
  await ua.sendAck(dialog, seq);
  const accepted = media.acceptAnswer(response.body);
  const facts = factsFromInvite(id, 'outbound', sent, transaction.flow);
  const call = new SipCall(context, dialog, media, facts);
  ua.addDialog(dialog, call);
  context.onLegStarted(call);
  if (!accepted.ok) {
    await call.hangup(`unusable SDP answer: ${accepted.reason}`);
    throw new Error(`call to ${request.target} failed: unusable SDP answer (${accepted.reason})`);
  }
  const codec = accepted.media.codec;
  call.facts.codec = { name: codec.name, clockRate: codec.clockRate, payloadType: codec.payloadType };
  const sessionTimer = timerFromAnswer(response);
  if (sessionTimer) startSessionTimer(call, sessionTimer, 'uac', response.headers.getAll('Allow'));
  watchRtp(call, environment.media.rtpTimeoutSeconds);
  return call;
}

function buildInvite(context: SipLegContext, request: DialRequest, sdp: Buffer, via?: Flow['transport']): SipRequest {
  const { ua } = context;
  const target = request.target.replace(/^<|>$/g, '');
  const headers = createHeaders();
  headers.append('From', `<${request.from ?? request.fromUri}>;tag=${newTag()}`);
  headers.append('To', `<${target}>`);
  headers.append('Call-ID', newCallId(ua.client.transport.advertisedAddress));
  headers.append('CSeq', '1 INVITE');
  headers.append('Contact', ua.contact(via ?? (/;transport=tcp/i.test(target) ? 'tcp' : /;transport=tls|^sips:/i.test(target) ? 'tls' : 'udp')));
  for (const [name, value] of Object.entries(capabilityHeaders())) headers.append(name, value);
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.append(name, value);
  headers.append('Content-Type', 'application/sdp');
  return { kind: 'request', method: 'INVITE', uri: target, headers, body: sdp };
}
