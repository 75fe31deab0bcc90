// Registration client (RFC 3261 §10): REGISTER with digest, Expires negotiation (423 Min-Expires),
// refresh before expiry, exponential backoff after failure, keep-alives (CRLF on TCP/TLS, OPTIONS on UDP),
// un-REGISTER on stop. One clear log line per failed attempt cycle; metric registrationState.
import { EventEmitter } from 'node:events';
import { registrationState } from '../metrics.js';
import { createHeaders } from './headers.js';
import { parseNameAddr } from './name-addr.js';
import { parseUri, formatHost } from './uri.js';
import { newCallId, newTag } from './via.js';
import { resolveTarget } from './transport/resolve.js';
export class Registration extends EventEmitter {
    ua;
    account;
    timing;
    log;
    status;
    callId;
    fromTag = newTag();
    seq = 0;
    expires;
    failures = 0;
    timer;
    keepAliveTimer;
    flow;
    stopped = false;
    /** True while registered and refreshing (not after a failure). */
    refreshing = false;
    aor;
    registrarUri;
    constructor(ua, account, timing, log) {
        super();
        this.ua = ua;
        this.account = account;
        this.timing = timing;
        this.log = log;
        this.callId = newCallId(ua.client.transport.advertisedAddress);
        this.expires = account.expires;
        const registrar = parseUri(account.registrar.replace(/^<|>$/g, ''));
        if (!registrar || registrar.scheme === 'tel')
            throw new Error(`account ${account.name}: registrar "${account.registrar}" is not a SIP URI`);
        const domain = account.domain ?? registrar.host;
        this.aor = `sip:${account.username}@${formatHost(domain)}`;
        this.registrarUri = `${registrar.scheme}:${formatHost(registrar.host, registrar.port)}`;
        this.status = { account: account.name, state: 'unregistered' };
    }
    start() {
        this.stopped = false;
        void this.attempt();
    }
    /** Un-REGISTER (Expires: 0) when registered; stops refreshes and keep-alives. */
    async stop() {
        this.stopped = true;
        clearTimeout(this.timer);
        clearInterval(this.keepAliveTimer);
        if (this.status.state === 'registered')
            await this.send(0).catch(() => undefined);
        this.update({ account: this.account.name, state: 'unregistered' });
    }
    transportKind() {
        if (this.account.transport)
            return this.account.transport;
        const uri = parseUri(this.account.registrar.replace(/^<|>$/g, ''));
        const param = uri?.params.transport?.toLowerCase();
        return uri?.scheme === 'sips' || param === 'tls' ? 'tls' : param === 'tcp' ? 'tcp' : 'udp';
    }
    async destination() {
        const kind = this.transportKind();
        const next = this.account.outboundProxy ?? this.account.registrar;
        const flow = await resolveTarget(next.replace(/^<|>$/g, ''));
        return { ...flow, transport: kind };
    }
    buildRegister(expires) {
        const headers = createHeaders();
        headers.append('From', `<${this.aor}>;tag=${this.fromTag}`);
        headers.append('To', `<${this.aor}>`);
        headers.append('Call-ID', this.callId);
        headers.append('CSeq', `${++this.seq} REGISTER`);
        headers.append('Contact', this.ua.contact(this.transportKind(), this.account.username));
        headers.append('Expires', String(expires));
        headers.append('Allow', 'INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REFER, NOTIFY, UPDATE');
        return { kind: 'request', method: 'REGISTER', uri: this.registrarUri, headers, body: Buffer.alloc(0) };
    }
    async send(expires) {
        this.flow = await this.destination();
        const request = this.buildRegister(expires);
        return this.ua.request(request, {
            destination: this.flow,
            credentials: { username: this.account.authUsername ?? this.account.username, password: this.account.password },
            onCSeq: (seq) => (this.seq = seq),
        });
    }
    async attempt() {
        if (this.stopped)
            return;
        this.update({ account: this.account.name, state: 'registering' });
        let response;
        try {
            response = await this.send(this.expires);
            if (response.status === 423) {
                const min = Number(/\d+/.exec(response.headers.get('Min-Expires') ?? '')?.[0]);
                if (min > this.expires) {
                    this.expires = min;
                    response = await this.send(this.expires);
                }
            }
        }
        catch (err) {
            return this.failed(`cannot reach registrar: ${err.message}`);
        }
        if (this.stopped)
            return;
        if (response.status >= 200 && response.status < 300)
            return this.registered(response);
        const why = response.status === 401 || response.status === 407
            ? `${response.status} wrong credentials`
            : `${response.status} ${response.reason}`;
        this.failed(why);
    }
    registered(response) {
        this.failures = 0;
        const granted = this.grantedExpires(response);
        const expiresAt = new Date(Date.now() + granted * 1000);
        const wasRegistered = this.status.state === 'registering' && this.refreshing;
        this.update({ account: this.account.name, state: 'registered', expiresAt });
        // Refreshes are routine: only a new registration is worth an info line.
        if (wasRegistered)
            this.log.debug({ account: this.account.name, expires: granted }, 'registration refreshed');
        else
            this.log.info({ account: this.account.name, expires: granted }, 'registered');
        this.refreshing = true;
        const refreshIn = granted > 120 ? granted - 60 : granted * 0.8;
        this.schedule(refreshIn * 1000);
        this.startKeepAlive();
    }
    failed(why) {
        if (this.stopped)
            return;
        clearInterval(this.keepAliveTimer);
        this.refreshing = false;
        const delay = Math.min(this.timing.retryBaseSeconds * 2 ** this.failures, this.timing.maxRetrySeconds);
        this.failures++;
        this.update({ account: this.account.name, state: 'failed', error: why });
        this.log.warn({ account: this.account.name }, `registration for ${this.account.name} rejected: ${why}; retrying in ${delay}s`);
        this.schedule(delay * 1000);
    }
    grantedExpires(response) {
        const ours = this.ua.contact(this.transportKind(), this.account.username).replace(/^<|>$/g, '');
        for (const value of response.headers.getAll('Contact')) {
            const contact = parseNameAddr(value);
            const expires = contact?.params.expires;
            if (contact && expires && value.includes(ours.replace(/^sip:/, '').split(';')[0]))
                return Number(expires);
        }
        const header = Number(response.headers.get('Expires'));
        return Number.isFinite(header) && header > 0 ? header : this.expires;
    }
    schedule(ms) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.attempt(), ms);
    }
    startKeepAlive() {
        clearInterval(this.keepAliveTimer);
        this.keepAliveTimer = setInterval(() => void this.keepAlive(), this.timing.keepAliveSeconds * 1000);
    }
    async keepAlive() {
        const flow = this.flow;
        if (!flow || this.stopped)
            return;
        if (flow.transport !== 'udp') {
            await this.ua.client.transport.keepAlive(flow).catch(() => this.lost('keep-alive failed: connection lost'));
            return;
        }
        const headers = createHeaders();
        headers.append('From', `<${this.aor}>;tag=${newTag()}`);
        headers.append('To', `<${this.registrarUri}>`);
        headers.append('Call-ID', newCallId());
        headers.append('CSeq', '1 OPTIONS');
        const response = await this.ua.request({ kind: 'request', method: 'OPTIONS', uri: this.registrarUri, headers, body: Buffer.alloc(0) }, { destination: flow });
        if (response.status === 408 || response.status === 503)
            this.lost(`keep-alive failed: ${response.status}`);
    }
    lost(why) {
        if (this.stopped || this.status.state !== 'registered')
            return;
        this.failed(why);
    }
    update(status) {
        this.status = status;
        registrationState.set({ account: this.account.name }, status.state === 'registered' ? 1 : 0);
        this.emit('status', status);
    }
}
//# sourceMappingURL=registration.js.map