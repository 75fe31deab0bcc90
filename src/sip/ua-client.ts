// Sending requests as a UAC: next-hop choice (Route, outbound proxy, Request-URI), Via with a fresh
// branch and rport, the client transaction, digest retries on 401/407, and CANCEL (§9.1).
import { createHeaders, parseCSeq } from './headers.js';
import { digestAuthorization } from './digest.js';
import type { SipRequest, SipResponse } from './message.js';
import { parseNameAddr } from './name-addr.js';
import { serializeMessage } from './serialize.js';
import { formatUri } from './uri.js';
import { formatHost } from './uri.js';
import { newBranch } from './via.js';
import type { InviteClientTransaction } from './transaction/client-invite.js';
import type { TransactionManager } from './transaction/manager.js';
import type { SipTransportLayer } from './transport/layer.js';
import { resolveTarget } from './transport/resolve.js';
import type { Flow } from './transport/types.js';

export interface Credentials {
  username: string;
  password: string;
}

export interface ClientContext {
  transport: SipTransportLayer;
  transactions: TransactionManager;
  userAgent: string;
  outboundProxy?: string;
}

export interface SendOptions {
  /** Skip resolution and send here (in-dialog reuse of a connection). */
  destination?: Flow;
  credentials?: Credentials;
  onProvisional?: (response: SipResponse) => void;
  /** Each INVITE client transaction as it starts (for CANCEL). */
  onInviteTransaction?: (transaction: InviteClientTransaction) => void;
  /** Told the CSeq number of each attempt (dialogs keep their counter in step). */
  onCSeq?: (seq: number) => void;
}

/** Next hop: first Route, else the outbound proxy, else the Request-URI. */
export async function nextHopFlow(context: ClientContext, request: SipRequest): Promise<Flow> {
  const route = request.headers.get('Route');
  const parsedRoute = route ? parseNameAddr(route) : null;
  if (parsedRoute) return resolveTarget(formatUri(parsedRoute.uri));
  return resolveTarget(context.outboundProxy ?? request.uri);
}

/** Sets the top Via (fresh branch, rport) and the usual headers for sending along `flow`. */
export function stampRequest(context: ClientContext, request: SipRequest, flow: Flow): void {
  const host = formatHost(context.transport.advertisedAddress, context.transport.portFor(flow.transport));
  request.headers.set('Via', `SIP/2.0/${flow.transport.toUpperCase()} ${host};branch=${newBranch()};rport`);
  if (!request.headers.has('Max-Forwards')) request.headers.set('Max-Forwards', '70');
  if (!request.headers.has('User-Agent')) request.headers.set('User-Agent', context.userAgent);
}

function once(context: ClientContext, request: SipRequest, flow: Flow, options: SendOptions): Promise<SipResponse> {
  return new Promise((resolve) => {
    const transaction = context.transactions.startClient(request, flow, (response) => {
      if (response.status < 200) options.onProvisional?.(response);
      else resolve(response);
    });
    if (request.method === 'INVITE') options.onInviteTransaction?.(transaction as InviteClientTransaction);
  });
}

/** Sends a request and resolves with its final response (never rejects: failures are 408/503). */
export async function sendRequest(context: ClientContext, request: SipRequest, options: SendOptions = {}): Promise<SipResponse> {
  let flow: Flow;
  try {
    flow = options.destination ?? (await nextHopFlow(context, request));
  } catch (err) {
    const headers = createHeaders();
    for (const n of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) headers.set(n, request.headers.get(n) ?? '');
    return { kind: 'response', status: 503, reason: `Service Unavailable (${(err as Error).message})`, headers, body: Buffer.alloc(0) };
  }
  let current = request;
  let nc = 1;
  for (let attempt = 0; ; attempt++) {
    const sizedFlow = tooLargeForUdp(current, flow) ? { ...flow, transport: 'tcp' as const } : flow;
    stampRequest(context, current, sizedFlow);
    let response = await once(context, current, sizedFlow, options);
    if (sizedFlow !== flow && response.status === 503 && /transport error/.test(response.reason)) {
      // §18.1.1: the size-driven switch to TCP was refused (no listener there): retry over UDP.
      stampRequest(context, current, flow);
      response = await once(context, current, flow, options);
    }
    if ((response.status !== 401 && response.status !== 407) || !options.credentials || attempt >= 2) return response;
    const next = authorize(current, response, options.credentials, nc++);
    if (!next) return response;
    // A second challenge that is not merely stale means the credentials are wrong.
    if (attempt >= 1 && !next.stale) return response;
    current = next.request;
    options.onCSeq?.(parseCSeq(current.headers.get('CSeq') ?? '')?.seq ?? 0);
  }
}

/**
 * RFC 3261 §18.1.1: a request larger than 1,300 bytes (path MTU unknown) goes over a congestion-controlled
 * transport instead of UDP, unless it must follow an existing flow. 100 bytes stand for the Via to come.
 */
const UDP_REQUEST_LIMIT = 1300;
function tooLargeForUdp(request: SipRequest, flow: Flow): boolean {
  return flow.transport === 'udp' && !flow.connectionId && serializeMessage(request).length + 100 > UDP_REQUEST_LIMIT;
}

function authorize(request: SipRequest, challenge: SipResponse, credentials: Credentials, nc: number):
  { request: SipRequest; stale: boolean } | undefined {
  const proxy = challenge.status === 407;
  const values = challenge.headers.getAll(proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate');
  const retry: SipRequest = { ...request, headers: request.headers.clone() };
  retry.headers.delete(proxy ? 'Proxy-Authorization' : 'Authorization');
  let stale = false;
  let answered = false;
  for (const value of values) {
    const answer = digestAuthorization({
      challenge: value, method: request.method, uri: request.uri,
      username: credentials.username, password: credentials.password, nc, body: request.body,
    });
    if (!answer.ok) continue;
    stale ||= answer.stale;
    answered = true;
    retry.headers.append(proxy ? 'Proxy-Authorization' : 'Authorization', answer.value);
  }
  if (!answered) return undefined;
  const cseq = parseCSeq(request.headers.get('CSeq') ?? '');
  if (cseq) retry.headers.set('CSeq', `${cseq.seq + 1} ${cseq.method}`);
  return { request: retry, stale };
}

/** §9.1 CANCEL for an INVITE client transaction (sent once a provisional arrived). */
export function cancelInvite(context: ClientContext, transaction: InviteClientTransaction, reason?: string): Promise<SipResponse> {
  return new Promise((resolve) => {
    transaction.whenCancellable(() => {
      const invite = transaction.request;
      const headers = createHeaders();
      headers.append('Via', invite.headers.get('Via') ?? '');
      for (const route of invite.headers.getAll('Route')) headers.append('Route', route);
      headers.append('Max-Forwards', '70');
      for (const n of ['From', 'To', 'Call-ID']) headers.append(n, invite.headers.get(n) ?? '');
      const seq = parseCSeq(invite.headers.get('CSeq') ?? '')?.seq ?? 1;
      headers.append('CSeq', `${seq} CANCEL`);
      if (reason) headers.append('Reason', reason);
      const cancel: SipRequest = { kind: 'request', method: 'CANCEL', uri: invite.uri, headers, body: Buffer.alloc(0) };
      context.transactions.startClient(cancel, transaction.flow, (r) => r.status >= 200 && resolve(r));
    });
  });
}
