// What every RFC 3261 §17 transaction shares: its key, request and flow, the retransmit and timeout
// timers, and ending exactly once (the manager forgets it then). The four state machines extend it.
import type { SipRequest } from '../message.js';
import type { Flow } from '../transport/types.js';
import type { TransactionContext } from './types.js';

export abstract class Transaction<State extends string> {
  abstract state: State | 'terminated';
  protected retransmit: NodeJS.Timeout | undefined;
  protected timeout: NodeJS.Timeout | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly flow: Flow,
    protected readonly context: TransactionContext,
  ) {}

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.clearTimers();
    this.context.onTerminated(this.key);
  }

  /** Runs `action` after `ms` as this transaction's one timeout (Timers B, D, F, H, I, J, K, L, M). */
  protected expireAfter(ms: number, action: () => void = () => this.terminate()): void {
    clearTimeout(this.timeout);
    this.timeout = setTimeout(action, ms);
  }

  protected clearTimers(): void {
    clearTimeout(this.retransmit);
    clearTimeout(this.timeout);
  }
}
