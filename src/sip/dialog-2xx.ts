// The UAS core's 2xx reliability (RFC 3261 §13.3.1.4): the 2xx to an INVITE is retransmitted from
// T1 doubling to T2 until the ACK arrives; after 64*T1 without ACK the caller is told (→ BYE).
import type { SipResponse } from './message.js';
import type { InviteServerTransaction } from './transaction/server-invite.js';
import type { TransactionTransport } from './transaction/types.js';
import type { SipTimers } from './transaction/timers.js';
import { isReliable } from './transport/types.js';

export class Reliable2xx {
  private retransmit: NodeJS.Timeout | undefined;
  private giveUp: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    transaction: InviteServerTransaction,
    response: SipResponse,
    transport: TransactionTransport,
    timers: SipTimers,
    onTimeout: () => void,
  ) {
    transaction.respond(response);
    const resend = (interval: number) => {
      this.retransmit = setTimeout(() => {
        if (this.done) return;
        transport.sendResponse(response, transaction.flow).catch(() => undefined);
        resend(Math.min(interval * 2, timers.t2));
      }, interval);
    };
    if (!isReliable(transaction.flow.transport)) resend(timers.t1);
    this.giveUp = setTimeout(() => {
      if (this.done) return;
      this.stop();
      onTimeout();
    }, 64 * timers.t1);
  }

  get acknowledged(): boolean {
    return this.done;
  }

  /** The ACK arrived (or the call ended): stop retransmitting. */
  stop(): void {
    this.done = true;
    clearTimeout(this.retransmit);
    clearTimeout(this.giveUp);
  }
}
