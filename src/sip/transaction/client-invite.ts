// INVITE client transaction (RFC 3261 §17.1.1 with the RFC 6026 Accepted state): Timer A/B, ACK for
// non-2xx finals built here (§17.1.1.3), 2xx passed up (the TU ACKs those), CANCEL once provisional.
import { createHeaders } from '../headers.js';
import type { SipRequest, SipResponse } from '../message.js';
import { isReliable, type Flow } from '../transport/types.js';
import { buildResponse } from '../response.js';
import { transactionTimeout } from './timers.js';
import { Transaction } from './transaction.js';
import type { ClientResponseHandler, TransactionContext } from './types.js';

export type InviteClientState = 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

export class InviteClientTransaction extends Transaction<InviteClientState> {
  state: InviteClientState = 'calling';
  private ack: SipRequest | undefined;
  /** A CANCEL asked for before any provisional arrived (§9.1: wait for one). */
  private pendingCancel: (() => void) | undefined;

  constructor(key: string, request: SipRequest, flow: Flow, context: TransactionContext, private readonly onResponse: ClientResponseHandler) {
    super(key, request, flow, context);
  }

  start(): void {
    this.send(this.request);
    const { timers } = this.context;
    if (!isReliable(this.flow.transport)) this.scheduleRetransmit(timers.t1);
    this.expireAfter(transactionTimeout(timers), () => this.fail(408, 'Request Timeout'));
  }

  /** Runs `sendCancel` now if a provisional was seen, else once one arrives; never after a final. */
  whenCancellable(sendCancel: () => void): void {
    if (this.state === 'proceeding') sendCancel();
    else if (this.state === 'calling') this.pendingCancel = sendCancel;
  }

  receive(response: SipResponse): void {
    const { timers } = this.context;
    if (response.status < 200) {
      if (this.state !== 'calling' && this.state !== 'proceeding') return;
      this.state = 'proceeding';
      clearTimeout(this.retransmit);
      this.onResponse(response);
      const cancel = this.pendingCancel;
      this.pendingCancel = undefined;
      cancel?.();
      return;
    }
    if (response.status < 300) {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.state = 'accepted';
        this.clearTimers();
        this.expireAfter(transactionTimeout(timers));
      }
      if (this.state === 'accepted') this.onResponse(response);
      return;
    }
    if (this.state === 'completed') {
      if (this.ack) this.send(this.ack);
      return;
    }
    if (this.state !== 'calling' && this.state !== 'proceeding') return;
    this.state = 'completed';
    this.clearTimers();
    this.ack = this.buildAck(response);
    this.send(this.ack);
    this.onResponse(response);
    const linger = isReliable(this.flow.transport) ? 0 : Math.max(transactionTimeout(timers) / 2, timers.t4);
    this.expireAfter(linger);
  }

  private buildAck(response: SipResponse): SipRequest {
    const headers = createHeaders();
    headers.append('Via', this.request.headers.get('Via') ?? '');
    for (const route of this.request.headers.getAll('Route')) headers.append('Route', route);
    headers.append('Max-Forwards', '70');
    headers.append('From', this.request.headers.get('From') ?? '');
    headers.append('To', response.headers.get('To') ?? '');
    headers.append('Call-ID', this.request.headers.get('Call-ID') ?? '');
    const seq = (this.request.headers.get('CSeq') ?? '1').trim().split(/\s+/)[0];
    headers.append('CSeq', `${seq} ACK`);
    headers.append('Content-Length', '0');
    return { kind: 'request', method: 'ACK', uri: this.request.uri, headers, body: Buffer.alloc(0) };
  }

  private fail(status: number, reason: string): void {
    if (this.state !== 'calling' && this.state !== 'proceeding') return;
    this.terminate();
    this.onResponse(buildResponse(this.request, status, reason));
  }

  private scheduleRetransmit(interval: number): void {
    this.retransmit = setTimeout(() => {
      if (this.state !== 'calling') return;
      this.send(this.request);
      this.scheduleRetransmit(interval * 2);
    }, interval);
  }

  private send(message: SipRequest): void {
    this.context.transport.send(message, this.flow).catch(() => this.fail(503, 'Service Unavailable (transport error)'));
  }
}
