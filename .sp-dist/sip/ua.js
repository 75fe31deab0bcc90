// The UA core (RFC 3261 §8, §12, §9.2): routes new requests from the transaction layer — INVITEs to
// the application (after access control and draining), in-dialog requests to their dialog, CANCEL,
// OPTIONS, 481/405/420 — and sends requests, ACKs and in-dialog requests for the layers above.
import { EventEmitter } from 'node:events';
import { sipForbidden } from '../metrics.js';
import { parseCSeq } from './headers.js';
import { tagOf } from './name-addr.js';
import { buildResponse } from './response.js';
import { dialogId } from './dialog.js';
import { capabilityHeaders, ALLOWED_METHODS, unsupportedRequirements } from './ua-capabilities.js';
import { sendRequest, stampRequest } from './ua-client.js';
import { TransactionManager } from './transaction/manager.js';
import { resolveTarget } from './transport/resolve.js';
import { isReliable } from './transport/types.js';
export class UserAgent extends EventEmitter {
    options;
    transactions;
    client;
    /** Set by drain(): new INVITEs get 503 with this Retry-After. */
    drainingRetryAfter;
    dialogs = new Map();
    /** ACKs we sent for 2xx, to resend when the 2xx is retransmitted (§13.2.2.4). */
    acks = new Map();
    recentInvites = new Map();
    constructor(options) {
        super();
        this.options = options;
        const { transport } = options;
        this.transactions = new TransactionManager(transport, options.timers);
        this.client = { transport, transactions: this.transactions, userAgent: options.userAgent ?? 'frontdesk', outboundProxy: options.outboundProxy };
        transport.on('request', (request, flow) => this.guard(() => this.onRequest(request, flow)));
        transport.on('response', (response) => this.guard(() => this.onResponse(response)));
    }
    get timers() {
        return this.transactions.timers;
    }
    get activeDialogs() {
        return this.dialogs.size;
    }
    addDialog(dialog, usage) {
        this.dialogs.set(dialog.id, usage);
    }
    removeDialog(dialog) {
        dialog.terminated = true;
        this.dialogs.delete(dialog.id);
    }
    /** Contact URI for a transport, with an optional user part. */
    contact(transport, user = 'frontdesk') {
        const t = this.client.transport;
        const host = t.advertisedAddress.includes(':') ? `[${t.advertisedAddress}]` : t.advertisedAddress;
        const param = transport === 'udp' ? '' : `;transport=${transport}`;
        return `<sip:${user}@${host}:${t.portFor(transport)}${param}>`;
    }
    respond(transaction, status, reason, extras) {
        const response = buildResponse(transaction.request, status, reason, extras);
        transaction.respond(response);
        return response;
    }
    request(request, options) {
        return sendRequest(this.client, request, options);
    }
    /** An in-dialog request (not ACK/CANCEL): next CSeq, route set, connection reuse. */
    async requestInDialog(dialog, method, extras = {}, options = {}) {
        const request = dialog.createRequest(method, extras);
        // An unresolvable next hop falls through to sendRequest, which answers it with a synthesized 503.
        const destination = await this.dialogDestination(dialog).catch(() => undefined);
        return sendRequest(this.client, request, { ...options, ...(destination ? { destination } : {}), onCSeq: (seq) => (dialog.localSeq = seq) });
    }
    /** ACK for a 2xx (§13.2.2.4): its own transaction-less request, remembered for 2xx retransmissions. */
    async sendAck(dialog, inviteSeq, extras = {}) {
        const ack = dialog.createRequest('ACK', extras, inviteSeq);
        const flow = await this.dialogDestination(dialog).catch(() => undefined);
        if (!flow) {
            this.options.logger?.warn({ callId: dialog.callId }, 'cannot route the ACK: remote target unresolvable');
            return;
        }
        stampRequest(this.client, ack, flow);
        const key = `${dialog.callId}|${inviteSeq}`;
        this.acks.set(key, { ack, flow });
        setTimeout(() => this.acks.delete(key), 64 * this.timers.t1).unref();
        await this.client.transport.send(ack, flow).catch(() => undefined);
    }
    async dialogDestination(dialog) {
        if (isReliable(dialog.flow.transport) && dialog.flow.connectionId)
            return dialog.flow;
        // The outbound proxy is for requests outside a dialog (§8.1.2); inside, the route set decides —
        // a proxy that wants to stay in the path Record-Routes.
        return resolveTarget(dialog.nextHop());
    }
    onResponse(response) {
        if (this.transactions.handleResponse(response))
            return;
        const cseq = parseCSeq(response.headers.get('CSeq') ?? '');
        if (cseq?.method === 'INVITE' && response.status >= 200 && response.status < 300) {
            const cached = this.acks.get(`${response.headers.get('Call-ID')}|${cseq.seq}`);
            if (cached)
                this.client.transport.send(cached.ack, cached.flow).catch(() => undefined);
        }
    }
    onRequest(request, flow) {
        const outcome = this.transactions.handleRequest(request, flow);
        if (outcome.kind === 'absorbed')
            return;
        const localTag = tagOf(request.headers.get('To'));
        const id = dialogId(request.headers.get('Call-ID') ?? '', localTag ?? '', tagOf(request.headers.get('From')) ?? '');
        if (outcome.kind === 'ack') {
            this.dialogs.get(id)?.onAck(request);
            return;
        }
        const transaction = outcome.transaction;
        if (request.method === 'CANCEL')
            return this.onCancel(request, transaction);
        if (localTag !== undefined) {
            const usage = this.dialogs.get(id);
            if (usage)
                usage.onRequest(request, transaction);
            else
                this.respond(transaction, 481);
            return;
        }
        switch (request.method) {
            case 'INVITE':
                return this.onInvite(request, transaction, flow);
            case 'OPTIONS':
                this.respond(transaction, 200, undefined, { headers: { ...capabilityHeaders(), 'Content-Length': '0' } });
                return;
            case 'BYE':
            case 'INFO':
            case 'UPDATE':
            case 'NOTIFY':
            case 'REFER':
            case 'PRACK':
                this.respond(transaction, 481);
                return;
            default:
                this.respond(transaction, 405, undefined, { headers: { Allow: ALLOWED_METHODS.join(', ') } });
        }
    }
    /** §8.2.2.2 merged requests: the same INVITE reaching us twice by different paths gets 482. */
    isMerged(request, transaction) {
        const key = `${request.headers.get('Call-ID')}|${tagOf(request.headers.get('From'))}|${request.headers.get('CSeq')}`;
        const earlier = this.recentInvites.get(key);
        if (earlier && earlier !== transaction && earlier.state !== 'terminated')
            return true;
        this.recentInvites.set(key, transaction);
        setTimeout(() => this.recentInvites.get(key) === transaction && this.recentInvites.delete(key), 64 * this.timers.t1).unref();
        return false;
    }
    onInvite(request, transaction, flow) {
        if (this.isMerged(request, transaction)) {
            this.respond(transaction, 482);
            return;
        }
        if (!this.options.acl.allows(flow.address)) {
            sipForbidden.inc();
            this.options.logger?.warn({ address: flow.address }, 'INVITE refused by access control (sip.allow)');
            this.respond(transaction, 403);
            return;
        }
        const unsupported = unsupportedRequirements(request.headers.getAll('Require'));
        if (unsupported.length) {
            this.respond(transaction, 420, undefined, { headers: { Unsupported: unsupported.join(', ') } });
            return;
        }
        if (this.drainingRetryAfter !== undefined) {
            this.respond(transaction, 503, 'Service Unavailable (draining)', { headers: { 'Retry-After': String(this.drainingRetryAfter) } });
            return;
        }
        if (this.listenerCount('invite') === 0) {
            this.respond(transaction, 480);
            return;
        }
        this.emit('invite', transaction);
    }
    onCancel(cancel, transaction) {
        const invite = this.transactions.findInviteFor(cancel);
        if (!invite) {
            this.respond(transaction, 481);
            return;
        }
        this.respond(transaction, 200);
        if (invite.state === 'proceeding' && !invite.cancelled) {
            invite.cancelled = true;
            if (invite.onCancel)
                invite.onCancel();
            else
                this.respond(invite, 487);
        }
    }
    guard(work) {
        try {
            work();
        }
        catch (err) {
            this.options.logger?.error({ err }, 'SIP request handling failed');
        }
    }
}
//# sourceMappingURL=ua.js.map