// Dialog state (RFC 3261 §12): identifiers, route set, remote target and CSeq counters, and the
// construction of in-dialog requests with loose (and legacy strict) routing.
import { createHeaders, parseCSeq } from './headers.js';
import type { SipRequest, SipResponse } from './message.js';
import { parseNameAddr, tagOf } from './name-addr.js';
import { formatUri } from './uri.js';
import type { Flow } from './transport/types.js';

export function dialogId(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\u0000${localTag}\u0000${remoteTag}`;
}

function contactUri(value: string | undefined): string | undefined {
  const parsed = value ? parseNameAddr(value) : null;
  return parsed ? formatUri(parsed.uri) : undefined;
}

function routeUri(value: string): string {
  const parsed = parseNameAddr(value);
  return parsed ? formatUri(parsed.uri) : value.replace(/^<|>$/g, '');
}

export interface InDialogExtras {
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
  contentType?: string;
}

export class Dialog {
  remoteSeq: number | undefined;
  /** Set when the dialog ends, so late requests get 481. */
  terminated = false;

  private constructor(
    readonly role: 'uas' | 'uac',
    readonly callId: string,
    readonly localTag: string,
    readonly remoteTag: string,
    /** Our From/To value, with our tag. */
    readonly local: string,
    /** The remote From/To value, with its tag. */
    readonly remote: string,
    public remoteTarget: string,
    readonly routeSet: string[],
    public localSeq: number,
    /** Where the dialog-creating request arrived from / went to (TCP/TLS reuse). */
    public flow: Flow,
  ) {}

  get id(): string {
    return dialogId(this.callId, this.localTag, this.remoteTag);
  }

  /** §12.1.1: UAS side, from the INVITE and the To tag we chose. */
  static asUas(invite: SipRequest, localTag: string, flow: Flow): Dialog {
    const h = invite.headers;
    const dialog = new Dialog(
      'uas', h.get('Call-ID') ?? '', localTag, tagOf(h.get('From')) ?? '',
      `${h.get('To') ?? ''};tag=${localTag}`, h.get('From') ?? '',
      contactUri(h.get('Contact')) ?? invite.uri,
      h.getAll('Record-Route'),
      Math.floor(Math.random() * 10_000) + 1, flow,
    );
    dialog.remoteSeq = parseCSeq(h.get('CSeq') ?? '')?.seq;
    return dialog;
  }

  /** §12.1.2: UAC side, from our INVITE and the 2xx. */
  static asUac(invite: SipRequest, response: SipResponse, flow: Flow): Dialog {
    const h = invite.headers;
    return new Dialog(
      'uac', h.get('Call-ID') ?? '', tagOf(h.get('From')) ?? '', tagOf(response.headers.get('To')) ?? '',
      h.get('From') ?? '', response.headers.get('To') ?? '',
      contactUri(response.headers.get('Contact')) ?? invite.uri,
      [...response.headers.getAll('Record-Route')].reverse(),
      parseCSeq(h.get('CSeq') ?? '')?.seq ?? 1, flow,
    );
  }

  /** §12.2.2: a request inside the dialog must not go backwards in CSeq. */
  acceptRemoteSeq(request: SipRequest): boolean {
    const seq = parseCSeq(request.headers.get('CSeq') ?? '')?.seq;
    if (seq === undefined) return false;
    if (request.method === 'ACK' || request.method === 'CANCEL') return true;
    if (this.remoteSeq !== undefined && seq < this.remoteSeq) return false;
    this.remoteSeq = seq;
    return true;
  }

  /** A target refresh (re-INVITE, UPDATE, 2xx to them) may move the remote Contact. */
  refreshTarget(message: SipRequest | SipResponse): void {
    const uri = contactUri(message.headers.get('Contact'));
    if (uri) this.remoteTarget = uri;
  }

  /** URI of the next hop: the first route, or the remote target. */
  nextHop(): string {
    return this.routeSet.length ? routeUri(this.routeSet[0]!) : this.remoteTarget;
  }

  /** §12.2.1.1: a new request with the next CSeq (ACK/CANCEL reuse `seq`). No Via: the UA adds it. */
  createRequest(method: string, extras: InDialogExtras = {}, seq?: number): SipRequest {
    const headers = createHeaders();
    let uri = this.remoteTarget;
    let routes = this.routeSet;
    if (routes.length && !/;\s*lr\b/i.test(routes[0]!)) {
      // Strict routing (RFC 2543 proxies): the first route becomes the Request-URI.
      uri = routeUri(routes[0]!);
      routes = [...routes.slice(1), `<${this.remoteTarget}>`];
    }
    for (const route of routes) headers.append('Route', route);
    headers.append('Max-Forwards', '70');
    headers.append('From', this.local);
    headers.append('To', this.remote);
    headers.append('Call-ID', this.callId);
    const cseq = seq ?? ++this.localSeq;
    headers.append('CSeq', `${cseq} ${method}`);
    for (const [name, value] of Object.entries(extras.headers ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const body = typeof extras.body === 'string' ? Buffer.from(extras.body) : extras.body ?? Buffer.alloc(0);
    if (body.length && extras.contentType) headers.set('Content-Type', extras.contentType);
    return { kind: 'request', method, uri, headers, body };
  }
}
