// What every SIP call leg needs from the trunk that owns it.
import type { Logger } from '../log.js';
import type { UserAgent } from '../sip/ua.js';
import type { Call, TransferMode, TransferResult } from './call.js';

export interface DialOptions {
  from?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface SipLegContext {
  ua: UserAgent;
  logger: Logger;
  transferOverride?: (call: Call, target: string, options: { mode: TransferMode }) => Promise<TransferResult>;
  /** Places an outbound leg (bridge transfers). */
  dial(target: string, options?: DialOptions): Promise<Call>;
  /** Turns a bare number or user into a SIP URI in the domain the call came in on. */
  targetUri(target: string, domainHint: string): string;
  /** Bookkeeping: a leg's dialog exists (from our 200 or their 2xx, before any ACK) … */
  onLegStarted(leg: Call): void;
  /** … and has ended. */
  onLegEnded(leg: Call): void;
}
