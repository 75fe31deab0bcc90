// SIP message model (RFC 3261 §7): requests, responses and their headers, plus parse/serialize.
// CONTRACT used by transports, transactions and dialogs; the functions are re-exported from parse.ts, serialize.ts, response.ts …

export type SipMethod =
  | 'INVITE' | 'ACK' | 'BYE' | 'CANCEL' | 'OPTIONS' | 'REGISTER' | 'INFO' | 'REFER' | 'NOTIFY'
  | 'UPDATE' | 'PRACK' | 'SUBSCRIBE' | 'MESSAGE' | (string & {});

/**
 * Ordered, case-insensitive header list. Compact forms (v, f, t, i, m, l, c, k, s, e, o, r, b, x, u)
 * are expanded to full names on parse; comma-separated multi-values (except the few that may not
 * be split, e.g. WWW-Authenticate) are split into separate values respecting quotes and <>.
 */
export interface SipHeaders {
  get(name: string): string | undefined;
  getAll(name: string): string[];
  has(name: string): boolean;
  set(name: string, value: string | string[]): void;
  append(name: string, value: string): void;
  delete(name: string): void;
  /** [canonical name, value] in wire order. */
  entries(): [string, string][];
  clone(): SipHeaders;
}

export interface SipRequest {
  kind: 'request';
  method: SipMethod;
  uri: string;
  headers: SipHeaders;
  body: Buffer;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

export type ParseResult =
  | { ok: true; message: SipMessage }
  /** `request` is set when enough was read (start line, Via, From, To, Call-ID, CSeq) to answer 400. */
  | { ok: false; error: string; request?: SipRequest };

export { createHeaders, canonicalHeaderName, parseCSeq } from './headers.js';
export { parseMessage, type ParseLimits } from './parse.js';
export { serializeMessage } from './serialize.js';
export { buildResponse, reasonPhrase } from './response.js';
export { parseVia, formatVia, newBranch, newTag, newCallId, type Via } from './via.js';
export { parseUri, formatUri, type SipUri } from './uri.js';
export { parseNameAddr, formatNameAddr, tagOf, type NameAddr } from './name-addr.js';
