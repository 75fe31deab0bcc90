// Non-INVITE client transaction (RFC 3261 §17.1.2): Timer E retransmissions (UDP), Timer F gives up
// with a synthesized 408; a transport failure becomes a synthesized 503 (§8.1.3.1).
import type { SipRequest, SipResponse } from '../message.js';
import { isReliable, type Flow } from '../transport/types.js';
import { buildResponse } from '../response.js';
import { nextInterval, transactionTimeout } from './timers.js';
import { Transaction } from './transaction.js';
import type { ClientResponseHandler, TransactionContext } from './types.js';

export class NonInviteClientTransaction extends Transaction<'trying' | 'proceeding' | 'completed'> {
  state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';

  constructor(key: string, request: SipRequest, flow: Flow, context: TransactionContext, private readonly onResponse: ClientResponseHandler) {
    super(key, request, flow, context);
  }

  start(): void {
    this.send();
    const { timers } = this.context;
    if (!isReliable(this.flow.transport)) this.scheduleRetransmit(timers.t1);
    this.expireAfter(transactionTimeout(timers), () => this.fail(408, 'Request Timeout'));
  }

  receive(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    if (response.status < 200) {
      this.state = 'proceeding';
      this.onResponse(response);
      return;
    }
    this.state = 'completed';
    this.clearTimers();
    this.onResponse(response);
    const linger = isReliable(this.flow.transport) ? 0 : this.context.timers.t4;
    this.expireAfter(linger);
  }

  private fail(status: number, reason: string): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    this.terminate();
    this.onResponse(buildResponse(this.request, status, reason));
  }

  private scheduleRetransmit(interval: number): void {
    this.retransmit = setTimeout(() => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.send();
      // §17.1.2.2: in Proceeding the interval stays at T2.
      const next = this.state === 'proceeding' ? this.context.timers.t2 : nextInterval(interval, this.context.timers, true);
      this.scheduleRetransmit(next);
    }, interval);
  }

  private send(): void {
    this.context.transport.send(this.request, this.flow).catch(() => this.fail(503, 'Service Unavailable (transport error)'));
  }
}
