/** "SIP/2.0 486 Busy Here" → 486 and the phrase. */
export function parseSipfrag(body) {
    const m = /^\s*SIP\/2\.0\s+(\d{3})\s*([^\r\n]*)/.exec(body.toString('utf8'));
    return m ? { status: Number(m[1]), reason: m[2].trim() } : undefined;
}
/** Collects NOTIFYs for one REFER and resolves on the first final sipfrag, termination or timeout. */
export class ReferProgress {
    outcome;
    settle;
    timer;
    last;
    constructor(timeoutMs) {
        this.outcome = new Promise((resolve) => (this.settle = resolve));
        this.timer = setTimeout(() => this.finish({ ok: false, reason: this.last ? `no final NOTIFY (last ${this.last.status})` : 'no NOTIFY after REFER' }), timeoutMs);
    }
    /** Feed an in-dialog NOTIFY with Event: refer. */
    onNotify(notify) {
        const frag = parseSipfrag(notify.body);
        if (frag)
            this.last = frag;
        if (frag && frag.status >= 200) {
            this.finish({ ok: frag.status < 300, status: frag.status, reason: frag.reason || String(frag.status) });
            return;
        }
        const state = notify.headers.get('Subscription-State') ?? '';
        if (/^\s*terminated/i.test(state)) {
            this.finish({ ok: false, ...(this.last ? { status: this.last.status } : {}), reason: 'subscription terminated without a final status' });
        }
    }
    fail(reason, status) {
        this.finish({ ok: false, reason, ...(status !== undefined ? { status } : {}) });
    }
    finish(outcome) {
        clearTimeout(this.timer);
        this.settle(outcome);
    }
}
//# sourceMappingURL=refer.js.map