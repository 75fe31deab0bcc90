import { buildResponse } from '../sip/response.js';
import { Reliable2xx } from '../sip/dialog-2xx.js';
import { decideAsUas, MIN_SE } from '../sip/session-timer.js';
import { capabilityHeaders } from '../sip/ua-capabilities.js';
/** Headers of our 2xx to an offer: Contact, capabilities, the session timer we agreed to. */
export function okHeaders(ua, transport, timer, withSdp) {
    const headers = { Contact: ua.contact(transport), ...capabilityHeaders() };
    if (timer.kind === 'use') {
        headers['Session-Expires'] = timer.header;
        if (timer.require)
            headers.Require = 'timer';
    }
    if (withSdp)
        headers['Content-Type'] = 'application/sdp';
    return headers;
}
/** 422 for a Session-Expires below our minimum (RFC 4028 §8.1). */
export function rejectSmallInterval(ua, transaction, timer) {
    if (timer.kind !== 'reject')
        return false;
    ua.respond(transaction, 422, undefined, { headers: { 'Min-SE': String(Math.max(timer.minSe, MIN_SE)) } });
    return true;
}
/** Our 2xx to an INVITE waiting for its ACK; takes the SDP answer from the ACK when we offered. */
export class PendingAck {
    call;
    expectAnswer;
    acked;
    settle;
    reliable;
    settled = false;
    constructor(call, transaction, response, expectAnswer) {
        this.call = call;
        this.expectAnswer = expectAnswer;
        this.acked = new Promise((resolve, reject) => (this.settle = (e) => (e ? reject(e) : resolve())));
        this.acked.catch(() => undefined);
        const ua = call.context.ua;
        this.reliable = new Reliable2xx(transaction, response, ua.client.transport, ua.timers, () => {
            this.finish(new Error('no ACK for our 200 OK'));
            void call.hangup('no ACK');
        });
    }
    onAck(ack) {
        if (this.settled)
            return;
        this.reliable.stop();
        if (this.expectAnswer) {
            const result = ack.body.length ? this.call.media.acceptAnswer(ack.body) : { ok: false, reason: 'ACK without the SDP answer' };
            if (!result.ok) {
                this.finish(new Error(result.reason));
                void this.call.hangup(`bad answer in ACK: ${result.reason}`);
                return;
            }
            this.call.noteHold();
        }
        this.finish();
    }
    get waiting() {
        return !this.settled;
    }
    stop() {
        this.reliable.stop();
        // Only a still-waiting answer() needs the error (creating one costs a stack capture per call).
        if (!this.settled)
            this.finish(new Error('call ended before ACK'));
    }
    finish(error) {
        if (this.settled)
            return;
        this.settled = true;
        this.settle(error);
    }
}
/** A re-INVITE or UPDATE from the other side: hold/unhold, codec change, session refresh. */
export function handleOfferRequest(call, request, transaction) {
    const ua = call.context.ua;
    if (request.method === 'INVITE' && (call.pendingAck?.waiting || call.offerInFlight)) {
        ua.respond(transaction, 491, undefined, { headers: { 'Retry-After': '1' } });
        return;
    }
    const timer = decideAsUas(request);
    if (rejectSmallInterval(ua, transaction, timer))
        return;
    let body;
    if (request.body.length) {
        const answer = call.media.answer(request.body);
        if (!answer.ok) {
            ua.respond(transaction, 488, undefined, { headers: { Warning: `304 frontdesk "${answer.reason.replace(/"/g, "'")}"` } });
            return;
        }
        body = answer.body;
    }
    else if (request.method === 'INVITE') {
        body = call.media.offer();
    }
    call.dialog.refreshTarget(request);
    call.sessionTimer?.reset();
    const response = buildResponse(request, 200, undefined, {
        headers: okHeaders(ua, call.dialog.flow.transport, timer, body !== undefined),
        ...(body ? { body } : {}),
    });
    if (request.method === 'INVITE') {
        call.pendingAck = new PendingAck(call, transaction, response, request.body.length === 0);
    }
    else {
        transaction.respond(response);
    }
    call.noteHold();
}
//# sourceMappingURL=sip-call-reinvite.js.map