// The UA core (RFC 3261 §8, §12, §9.2): routes new requests from the transaction layer — INVITEs to
// the application (after access control and draining), in-dialog requests to their dialog, CANCEL,
// OPTIONS, 481/405/420 — and sends requests, ACKs and in-dialog requests for the layers above.
import { EventEmitter } from 'node:events';
import type { Logger } from '../log.js';
import { sipForbidden } from '../metrics.js';
import type { SipRequest, SipResponse } from './message.js';
import { parseCSeq } from './headers.js';
import { tagOf } from './name-addr.js';
import { buildResponse, type ResponseExtras } from './response.js';
import type { AccessControl } from './acl.js';
import { Dialog, dialogId, type InDialogExtras } from './dialog.js';
import { capabilityHeaders, ALLOWED_METHODS, unsupportedRequirements } from './ua-capabilities.js';
import { sendRequest, stampRequest, type ClientContext, type SendOptions } from './ua-client.js';
import { InviteServerTransaction } from './transaction/server-invite.js';
import { TransactionManager, type ServerTransaction } from './transaction/manager.js';
import type { SipTimers } from './transaction/timers.js';
import type { SipTransportLayer } from './transport/layer.js';
import { resolveTarget } from './transport/resolve.js';
import { isReliable, type Flow } from './transport/types.js';

/** What a dialog's owner (a call) handles. */
export interface DialogUsage {
  onRequest(request: SipRequest, transaction: ServerTransaction): void;
  onAck(request: SipRequest): void;
}

export interface UserAgentOptions {
  transport: SipTransportLayer;
  acl: AccessControl;
  timers?: Partial<SipTimers>;
  userAgent?: string;
  outboundProxy?: string;
  logger?: Logger;
}

export class UserAgent extends EventEmitter<{ invite: [InviteServerTransaction] }> {
  readonly transactions: TransactionManager;
  readonly client: ClientContext;
  /** Set by drain(): new INVITEs get 503 with this Retry-After. */
  drainingRetryAfter: number | undefined;
  private readonly dialogs = new Map<string, DialogUsage>();
  /** ACKs we sent for 2xx, to resend when the 2xx is retransmitted (§13.2.2.4). */
  private readonly acks = new Map<string, { ack: SipRequest; flow: Flow }>();
  private readonly recentInvites = new Map<string, InviteServerTransaction>();

  constructor(private readonly options: UserAgentOptions) {
    super();
    const { transport } = options;
    this.transactions = new TransactionManager(transport, options.timers);
    this.client = { transport, transactions: this.transactions, userAgent: options.userAgent ?? 'frontdesk', outboundProxy: options.outboundProxy };
    transport.on('request', (request, flow) => this.guard(() => this.onRequest(request, flow)));
    transport.on('response', (response) => this.guard(() => this.onResponse(response)));
  }

  get timers(): SipTimers {
    return this.transactions.timers;
  }

  get activeDialogs(): number {
    return this.dialogs.size;
  }

  addDialog(dialog: Dialog, usage: DialogUsage): void {
    this.dialogs.set(dialog.id, usage);
  }

  removeDialog(dialog: Dialog): void {
    dialog.terminated = true;
    this.dialogs.delete(dialog.id);
  }

  /** Contact URI for a transport, with an optional user part. */
  contact(transport: Flow['transport'], user = 'frontdesk'): string {
    const t = this.client.transport;
    const host = t.advertisedAddress.includes(':') ? `[${t.advertisedAddress}]` : t.advertisedAddress;
    const param = transport === 'udp' ? '' : `;transport=${transport}`;
    return `<sip:${user}@${host}:${t.portFor(transport)}${param}>`;
  }

  respond(transaction: ServerTransaction, status: number, reason?: string, extras?: ResponseExtras): SipResponse {
    const response = buildResponse(transaction.request, status, reason, extras);
    transaction.respond(response);
    return response;
  }

  request(request: SipRequest, options?: SendOptions): Promise<SipResponse> {
    return sendRequest(this.client, request, options);
  }

  /** An in-dialog request (not ACK/CANCEL): next CSeq, route set, connection reuse. */
  async requestInDialog(dialog: Dialog, method: string, extras: InDialogExtras = {}, options: SendOptions = {}): Promise<SipResponse> {
    const request = dialog.createRequest(method, extras);
    // An unresolvable next hop falls through to sendRequest, which answers it with a synthesized 503.
    const destination = await this.dialogDestination(dialog).catch(() => undefined);
    return sendRequest(this.client, request, { ...options, ...(destination ? { destination } : {}), onCSeq: (seq) => (dialog.localSeq = seq) });
  }

  /** ACK for a 2xx (§13.2.2.4): its own transaction-less request, remembered for 2xx retransmissions. */
  async sendAck(dialog: Dialog, inviteSeq: number, extras: InDialogExtras = {}): Promise<void> {
    const ack = dialog.createRequest('ACK', extras, inviteSeq);
    const flow = await this.dialogDestination(dialog).catch(() => undefined);
    if (!flow) {
      this.options.logger?.warn({ callId: dialog.callId }, 'cannot route the ACK: remote target unresolvable');
      return;
    }
    stampRequest(this.client, ack, flow);
    const key = `${dialog.callId}|${inviteSeq}`;
    this.acks.set(key, { ack, flow });
    setTimeout(() => this.acks.delete(key), 64 * this.timers.t1).unref();
    await this.client.transport.send(ack, flow).catch(() => undefined);
  }

  async dialogDestination(dialog: Dialog): Promise<Flow> {
    if (isReliable(dialog.flow.transport) && dialog.flow.connectionId) return dialog.flow;
    // The outbound proxy is for requests outside a dialog (§8.1.2); inside, the route set decides —
    // a proxy that wants to stay in the path Record-Routes.
    return resolveTarget(dialog.nextHop());
  }

  private onResponse(response: SipResponse): void {
    if (this.transactions.handleResponse(response)) return;
    const cseq = parseCSeq(response.headers.get('CSeq') ?? '');
    if (cseq?.method === 'INVITE' && response.status >= 200 && response.status < 300) {
      const cached = this.acks.get(`${response.headers.get('Call-ID')}|${cseq.seq}`);
      if (cached) this.client.transport.send(cached.ack, cached.flow).catch(() => undefined);
    }
  }

  private onRequest(request: SipRequest, flow: Flow): void {
    const outcome = this.transactions.handleRequest(request, flow);
    if (outcome.kind === 'absorbed') return;
    const localTag = tagOf(request.headers.get('To'));
    const id = dialogId(request.headers.get('Call-ID') ?? '', localTag ?? '', tagOf(request.headers.get('From')) ?? '');
    if (outcome.kind === 'ack') {
      this.dialogs.get(id)?.onAck(request);
      return;
    }
    const transaction = outcome.transaction;
    if (request.method === 'CANCEL') return this.onCancel(request, transaction);
    if (localTag !== undefined) {
      const usage = this.dialogs.get(id);
      if (usage) usage.onRequest(request, transaction);
      else this.respond(transaction, 481);
      return;
    }
    switch (request.method) {
      case 'INVITE':
        return this.onInvite(request, transaction as InviteServerTransaction, flow);
      case 'OPTIONS':
        this.respond(transaction, 200, undefined, { headers: { ...capabilityHeaders(), 'Content-Length': '0' } });
        return;
      case 'BYE': case 'INFO': case 'UPDATE': case 'NOTIFY': case 'REFER': case 'PRACK':
        this.respond(transaction, 481);
        return;
      default:
        this.respond(transaction, 405, undefined, { headers: { Allow: ALLOWED_METHODS.join(', ') } });
    }
  }

  /** §8.2.2.2 merged requests: the same INVITE reaching us twice by different paths gets 482. */
  private isMerged(request: SipRequest, transaction: InviteServerTransaction): boolean {
    const key = `${request.headers.get('Call-ID')}|${tagOf(request.headers.get('From'))}|${request.headers.get('CSeq')}`;
    const earlier = this.recentInvites.get(key);
    if (earlier && earlier !== transaction && earlier.state !== 'terminated') return true;
    this.recentInvites.set(key, transaction);
    setTimeout(() => this.recentInvites.get(key) === transaction && this.recentInvites.delete(key), 64 * this.timers.t1).unref();
    return false;
  }

  private onInvite(request: SipRequest, transaction: InviteServerTransaction, flow: Flow): void {
    if (this.isMerged(request, transaction)) {
      this.respond(transaction, 482);
      return;
    }
    if (!this.options.acl.allows(flow.address)) {
      sipForbidden.inc();
      this.options.logger?.warn({ address: flow.address }, 'INVITE refused by access control (sip.allow)');
      this.respond(transaction, 403);
      return;
    }
    const unsupported = unsupportedRequirements(request.headers.getAll('Require'));
    if (unsupported.length) {
      this.respond(transaction, 420, undefined, { headers: { Unsupported: unsupported.join(', ') } });
      return;
    }
    if (this.drainingRetryAfter !== undefined) {
      this.respond(transaction, 503, 'Service Unavailable (draining)', { headers: { 'Retry-After': String(this.drainingRetryAfter) } });
      return;
    }
    if (this.listenerCount('invite') === 0) {
      this.respond(transaction, 480);
      return;
    }
    this.emit('invite', transaction);
  }

  private onCancel(cancel: SipRequest, transaction: ServerTransaction): void {
    const invite = this.transactions.findInviteFor(cancel);
    if (!invite) {
      this.respond(transaction, 481);
      return;
    }
    this.respond(transaction, 200);
    if (invite.state === 'proceeding' && !invite.cancelled) {
      invite.cancelled = true;
      if (invite.onCancel) invite.onCancel();
      else this.respond(invite, 487);
    }
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.options.logger?.error({ err }, 'SIP request handling failed');
    }
  }
}
