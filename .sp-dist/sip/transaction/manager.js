// Matches incoming messages to transactions (RFC 3261 §17.1.3, §17.2.3) and creates new ones.
// Requests that start a new server transaction are returned to the caller (the UA core).
import { parseCSeq } from '../headers.js';
import { tagOf } from '../name-addr.js';
import { BRANCH_MAGIC, parseVia } from '../via.js';
import { InviteClientTransaction } from './client-invite.js';
import { NonInviteClientTransaction } from './client-non-invite.js';
import { InviteServerTransaction } from './server-invite.js';
import { NonInviteServerTransaction } from './server-non-invite.js';
import { DEFAULT_TIMERS } from './timers.js';
/** Server transaction key; null when the request lacks what matching needs. */
export function serverKey(request, methodOverride) {
    const via = parseVia(request.headers.get('Via') ?? '');
    const cseq = parseCSeq(request.headers.get('CSeq') ?? '');
    if (!via || !cseq)
        return null;
    const method = methodOverride ?? (request.method === 'ACK' ? 'INVITE' : request.method);
    const sentBy = `${via.host}:${via.port ?? ''}`;
    const branch = via.params.branch;
    if (branch && branch.startsWith(BRANCH_MAGIC))
        return `${branch}|${sentBy}|${method}`;
    // RFC 2543 peers: §17.2.3's fallback on Call-ID, CSeq number, From tag and the top Via.
    const callId = request.headers.get('Call-ID') ?? '';
    return `2543|${callId}|${cseq.seq}|${tagOf(request.headers.get('From'))}|${sentBy}|${branch ?? ''}|${method}`;
}
function clientKey(message, method) {
    const via = parseVia(message.headers.get('Via') ?? '');
    const cseq = parseCSeq(message.headers.get('CSeq') ?? '');
    if (!via?.params.branch || !cseq)
        return null;
    return `${via.params.branch}|${method ?? cseq.method}`;
}
export class TransactionManager {
    timers;
    servers = new Map();
    clients = new Map();
    serverContext;
    clientContext;
    constructor(transport, timers = {}) {
        this.timers = { ...DEFAULT_TIMERS, ...timers };
        this.serverContext = { transport, timers: this.timers, onTerminated: (key) => this.servers.delete(key) };
        this.clientContext = { transport, timers: this.timers, onTerminated: (key) => this.clients.delete(key) };
    }
    get size() {
        return { servers: this.servers.size, clients: this.clients.size };
    }
    handleRequest(request, flow) {
        const key = serverKey(request);
        if (key === null)
            return { kind: 'absorbed' };
        const existing = this.servers.get(key);
        if (request.method === 'ACK') {
            if (existing instanceof InviteServerTransaction && existing.receiveAck())
                return { kind: 'absorbed' };
            return { kind: 'ack' };
        }
        if (existing) {
            existing.receiveRetransmission();
            return { kind: 'absorbed' };
        }
        const transaction = request.method === 'INVITE'
            ? new InviteServerTransaction(key, request, flow, this.serverContext)
            : new NonInviteServerTransaction(key, request, flow, this.serverContext);
        this.servers.set(key, transaction);
        return { kind: 'new', transaction };
    }
    /** The INVITE server transaction a CANCEL refers to (§9.2), if still alive. */
    findInviteFor(cancel) {
        const key = serverKey(cancel, 'INVITE');
        const found = key === null ? undefined : this.servers.get(key);
        return found instanceof InviteServerTransaction ? found : undefined;
    }
    /** Returns false when no client transaction matched (e.g. a retransmitted 2xx after it ended). */
    handleResponse(response) {
        const key = clientKey(response);
        const transaction = key === null ? undefined : this.clients.get(key);
        if (!transaction)
            return false;
        transaction.receive(response);
        return true;
    }
    /** Creates and starts a client transaction; the request's top Via must carry a fresh branch. */
    startClient(request, flow, onResponse) {
        const key = clientKey(request);
        if (key === null)
            throw new Error('request has no Via branch or CSeq');
        const transaction = request.method === 'INVITE'
            ? new InviteClientTransaction(key, request, flow, this.clientContext, onResponse)
            : new NonInviteClientTransaction(key, request, flow, this.clientContext, onResponse);
        this.clients.set(key, transaction);
        transaction.start();
        return transaction;
    }
    /** Ends every transaction (shutdown). */
    clear() {
        for (const t of [...this.servers.values(), ...this.clients.values()])
            t.terminate();
    }
}
//# sourceMappingURL=manager.js.map