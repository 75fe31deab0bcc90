// What transactions need from the transport below them and give to the transaction user above.
import type { SipMessage, SipResponse } from '../message.js';
import type { Flow } from '../transport/types.js';
import type { SipTimers } from './timers.js';

export interface TransactionTransport {
  /** Sends a request (or ACK) along a flow; rejects on transport failure (RFC 3261 §8.1.3.1). */
  send(message: SipMessage, flow: Flow): Promise<void>;
  /** Sends a response back along the request's flow, per §18.2.2 (connection, received/rport, sent-by). */
  sendResponse(response: SipResponse, requestFlow: Flow): Promise<void>;
}

export interface TransactionContext {
  transport: TransactionTransport;
  timers: SipTimers;
  /** Called once when the transaction ends, so the manager forgets it. */
  onTerminated(key: string): void;
}

export type ClientResponseHandler = (response: SipResponse) => void;
