// Non-INVITE server transaction (RFC 3261 §17.2.2): absorbs retransmitted requests by resending the
// last response, and lingers for Timer J so late retransmissions still get it.
import type { SipRequest, SipResponse } from '../message.js';
import { isReliable, type Flow } from '../transport/types.js';
import { transactionTimeout } from './timers.js';
import type { TransactionContext } from './types.js';

export class NonInviteServerTransaction {
  state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';
  lastResponse: SipResponse | undefined;
  private timeout: NodeJS.Timeout | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly flow: Flow,
    private readonly context: TransactionContext,
  ) {}

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
    this.timeout = setTimeout(() => this.terminate(), linger);
  }

  receiveRetransmission(): void {
    if (this.lastResponse && this.state !== 'terminated') this.send(this.lastResponse);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    clearTimeout(this.timeout);
    this.context.onTerminated(this.key);
  }

  private send(response: SipResponse): void {
    this.context.transport.sendResponse(response, this.flow).catch(() => this.terminate());
  }
}
