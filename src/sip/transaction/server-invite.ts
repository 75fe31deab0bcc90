// INVITE server transaction (RFC 3261 §17.2.1 with the RFC 6026 Accepted state): 100 Trying within 200 ms,
// absorbs retransmitted INVITEs, retransmits non-2xx finals (Timer G) until ACK (Timer H gives up).
import type { SipRequest, SipResponse } from '../message.js';
import { isReliable, type Flow } from '../transport/types.js';
import { buildResponse } from '../response.js';
import { transactionTimeout, nextInterval } from './timers.js';
import { Transaction } from './transaction.js';
import type { TransactionContext } from './types.js';

const TRYING_DELAY_MS = 200;

export type InviteServerState = 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';

export class InviteServerTransaction extends Transaction<InviteServerState> {
  state: InviteServerState = 'proceeding';
  lastResponse: SipResponse | undefined;
  /** Set by the CANCEL handling so the TU can answer 487. */
  cancelled = false;
  onCancel: (() => void) | undefined;
  /** Called when Timer H fires: the non-2xx final was never acknowledged. */
  onAckTimeout: (() => void) | undefined;

  constructor(key: string, request: SipRequest, flow: Flow, context: TransactionContext) {
    super(key, request, flow, context);
    // §17.2.1: 100 Trying only if the TU has not answered within 200 ms (saves a datagram per call).
    this.trying = setTimeout(() => {
      if (this.state === 'proceeding' && !this.lastResponse) this.send(buildResponse(request, 100));
    }, TRYING_DELAY_MS);
  }

  private readonly trying: NodeJS.Timeout;

  respond(response: SipResponse): void {
    if (this.state !== 'proceeding') return;
    clearTimeout(this.trying);
    this.lastResponse = response;
    this.send(response);
    if (response.status < 200) return;
    const { timers } = this.context;
    if (response.status < 300) {
      this.state = 'accepted';
      this.expireAfter(transactionTimeout(timers));
      return;
    }
    this.state = 'completed';
    if (!isReliable(this.flow.transport)) this.scheduleRetransmit(timers.t1);
    this.expireAfter(transactionTimeout(timers), () => {
      this.onAckTimeout?.();
      this.terminate();
    });
  }

  /** A retransmitted INVITE (same key). */
  receiveRetransmission(): void {
    if (this.state === 'proceeding' || this.state === 'completed') {
      if (this.lastResponse) this.send(this.lastResponse);
      else this.send(buildResponse(this.request, 100));
    }
  }

  /** ACK for a non-2xx final. Returns false when the ACK is not ours (a 2xx ACK goes to the TU). */
  receiveAck(): boolean {
    if (this.state === 'completed') {
      this.state = 'confirmed';
      this.clearTimers();
      const wait = isReliable(this.flow.transport) ? 0 : this.context.timers.t4;
      this.expireAfter(wait);
      return true;
    }
    return this.state === 'confirmed';
  }

  private scheduleRetransmit(interval: number): void {
    this.retransmit = setTimeout(() => {
      if (this.state !== 'completed' || !this.lastResponse) return;
      this.send(this.lastResponse);
      this.scheduleRetransmit(nextInterval(interval, this.context.timers, true));
    }, interval);
  }

  protected override clearTimers(): void {
    clearTimeout(this.trying);
    super.clearTimers();
  }

  private send(response: SipResponse): void {
    this.context.transport.sendResponse(response, this.flow).catch(() => {
      // §17.2.4: a transport error is reported to the TU by ending the transaction.
      if (response.status >= 200) this.terminate();
    });
  }
}
