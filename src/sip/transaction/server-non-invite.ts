// Non-INVITE server transaction (RFC 3261 §17.2.2): absorbs retransmitted requests by resending the
// last response, and lingers for Timer J so late retransmissions still get it.
import type { SipResponse } from '../message.js';
import { isReliable } from '../transport/types.js';
import { transactionTimeout } from './timers.js';
import { Transaction } from './transaction.js';

export class NonInviteServerTransaction extends Transaction<'trying' | 'proceeding' | 'completed'> {
  state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';
  lastResponse: SipResponse | undefined;

  respond(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    this.lastResponse = response;
    this.send(response);
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    const linger = isReliable(this.flow.transport) ? 0 : transactionTimeout(this.context.timers);
    this.expireAfter(linger);
  }

  receiveRetransmission(): void {
    if (this.lastResponse && this.state !== 'terminated') this.send(this.lastResponse);
  }

  private send(response: SipResponse): void {
    this.context.transport.sendResponse(response, this.flow).catch(() => this.terminate());
  }
}
