// Dialog state (RFC 3261 §12): identifiers, route set, remote target and CSeq counters, and the
// construction of in-dialog requests with loose (and legacy strict) routing.
import { createHeaders, parseCSeq } from './headers.js';
import { parseNameAddr, tagOf } from './name-addr.js';
import { formatUri } from './uri.js';
export function dialogId(callId, localTag, remoteTag) {
    return `${callId}\u0000${localTag}\u0000${remoteTag}`;
}
function contactUri(value) {
    const parsed = value ? parseNameAddr(value) : null;
    return parsed ? formatUri(parsed.uri) : undefined;
}
function routeUri(value) {
    const parsed = parseNameAddr(value);
    return parsed ? formatUri(parsed.uri) : value.replace(/^<|>$/g, '');
}
export class Dialog {
    role;
    callId;
    localTag;
    remoteTag;
    local;
    remote;
    remoteTarget;
    routeSet;
    localSeq;
    flow;
    remoteSeq;
    /** Set when the dialog ends, so late requests get 481. */
    terminated = false;
    constructor(role, callId, localTag, remoteTag, 
    /** Our From/To value, with our tag. */
    local, 
    /** The remote From/To value, with its tag. */
    remote, remoteTarget, routeSet, localSeq, 
    /** Where the dialog-creating request arrived from / went to (TCP/TLS reuse). */
    flow) {
        this.role = role;
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.local = local;
        this.remote = remote;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        this.localSeq = localSeq;
        this.flow = flow;
    }
    get id() {
        return dialogId(this.callId, this.localTag, this.remoteTag);
    }
    /** §12.1.1: UAS side, from the INVITE and the To tag we chose. */
    static asUas(invite, localTag, flow) {
        const h = invite.headers;
        const dialog = new Dialog('uas', h.get('Call-ID') ?? '', localTag, tagOf(h.get('From')) ?? '', `${h.get('To') ?? ''};tag=${localTag}`, h.get('From') ?? '', contactUri(h.get('Contact')) ?? invite.uri, h.getAll('Record-Route'), Math.floor(Math.random() * 10_000) + 1, flow);
        dialog.remoteSeq = parseCSeq(h.get('CSeq') ?? '')?.seq;
        return dialog;
    }
    /** §12.1.2: UAC side, from our INVITE and the 2xx. */
    static asUac(invite, response, flow) {
        const h = invite.headers;
        return new Dialog('uac', h.get('Call-ID') ?? '', tagOf(h.get('From')) ?? '', tagOf(response.headers.get('To')) ?? '', h.get('From') ?? '', response.headers.get('To') ?? '', contactUri(response.headers.get('Contact')) ?? invite.uri, [...response.headers.getAll('Record-Route')].reverse(), parseCSeq(h.get('CSeq') ?? '')?.seq ?? 1, flow);
    }
    /** §12.2.2: a request inside the dialog must not go backwards in CSeq. */
    acceptRemoteSeq(request) {
        const seq = parseCSeq(request.headers.get('CSeq') ?? '')?.seq;
        if (seq === undefined)
            return false;
        if (request.method === 'ACK' || request.method === 'CANCEL')
            return true;
        if (this.remoteSeq !== undefined && seq < this.remoteSeq)
            return false;
        this.remoteSeq = seq;
        return true;
    }
    /** A target refresh (re-INVITE, UPDATE, 2xx to them) may move the remote Contact. */
    refreshTarget(message) {
        const uri = contactUri(message.headers.get('Contact'));
        if (uri)
            this.remoteTarget = uri;
    }
    /** URI of the next hop: the first route, or the remote target. */
    nextHop() {
        return this.routeSet.length ? routeUri(this.routeSet[0]) : this.remoteTarget;
    }
    /** §12.2.1.1: a new request with the next CSeq (ACK/CANCEL reuse `seq`). No Via: the UA adds it. */
    createRequest(method, extras = {}, seq) {
        const headers = createHeaders();
        let uri = this.remoteTarget;
        let routes = this.routeSet;
        if (routes.length && !/;\s*lr\b/i.test(routes[0])) {
            // Strict routing (RFC 2543 proxies): the first route becomes the Request-URI.
            uri = routeUri(routes[0]);
            routes = [...routes.slice(1), `<${this.remoteTarget}>`];
        }
        for (const route of routes)
            headers.append('Route', route);
        headers.append('Max-Forwards', '70');
        headers.append('From', this.local);
        headers.append('To', this.remote);
        headers.append('Call-ID', this.callId);
        const cseq = seq ?? ++this.localSeq;
        headers.append('CSeq', `${cseq} ${method}`);
        for (const [name, value] of Object.entries(extras.headers ?? {})) {
            for (const v of Array.isArray(value) ? value : [value])
                headers.append(name, v);
        }
        const body = typeof extras.body === 'string' ? Buffer.from(extras.body) : extras.body ?? Buffer.alloc(0);
        if (body.length && extras.contentType)
            headers.set('Content-Type', extras.contentType);
        return { kind: 'request', method, uri, headers, body };
    }
}
//# sourceMappingURL=dialog.js.map