import { isReliable } from '../transport/types.js';
import { buildResponse } from '../response.js';
import { transactionTimeout, nextInterval } from './timers.js';
const TRYING_DELAY_MS = 200;
export class InviteServerTransaction {
    key;
    request;
    flow;
    context;
    state = 'proceeding';
    lastResponse;
    /** Set by the CANCEL handling so the TU can answer 487. */
    cancelled = false;
    onCancel;
    /** Called when Timer H fires: the non-2xx final was never acknowledged. */
    onAckTimeout;
    retransmit;
    timeout;
    constructor(key, request, flow, context) {
        this.key = key;
        this.request = request;
        this.flow = flow;
        this.context = context;
        // §17.2.1: 100 Trying only if the TU has not answered within 200 ms (saves a datagram per call).
        this.trying = setTimeout(() => {
            if (this.state === 'proceeding' && !this.lastResponse)
                this.send(buildResponse(request, 100));
        }, TRYING_DELAY_MS);
    }
    trying;
    respond(response) {
        if (this.state !== 'proceeding')
            return;
        clearTimeout(this.trying);
        this.lastResponse = response;
        this.send(response);
        if (response.status < 200)
            return;
        const { timers } = this.context;
        if (response.status < 300) {
            this.state = 'accepted';
            this.timeout = setTimeout(() => this.terminate(), transactionTimeout(timers));
            return;
        }
        this.state = 'completed';
        if (!isReliable(this.flow.transport))
            this.scheduleRetransmit(timers.t1);
        this.timeout = setTimeout(() => {
            this.onAckTimeout?.();
            this.terminate();
        }, transactionTimeout(timers));
    }
    /** A retransmitted INVITE (same key). */
    receiveRetransmission() {
        if (this.state === 'proceeding' || this.state === 'completed') {
            if (this.lastResponse)
                this.send(this.lastResponse);
            else
                this.send(buildResponse(this.request, 100));
        }
    }
    /** ACK for a non-2xx final. Returns false when the ACK is not ours (a 2xx ACK goes to the TU). */
    receiveAck() {
        if (this.state === 'completed') {
            this.state = 'confirmed';
            this.clearTimers();
            const wait = isReliable(this.flow.transport) ? 0 : this.context.timers.t4;
            this.timeout = setTimeout(() => this.terminate(), wait);
            return true;
        }
        return this.state === 'confirmed';
    }
    terminate() {
        if (this.state === 'terminated')
            return;
        this.state = 'terminated';
        this.clearTimers();
        this.context.onTerminated(this.key);
    }
    scheduleRetransmit(interval) {
        this.retransmit = setTimeout(() => {
            if (this.state !== 'completed' || !this.lastResponse)
                return;
            this.send(this.lastResponse);
            this.scheduleRetransmit(nextInterval(interval, this.context.timers, true));
        }, interval);
    }
    clearTimers() {
        clearTimeout(this.trying);
        clearTimeout(this.retransmit);
        clearTimeout(this.timeout);
    }
    send(response) {
        this.context.transport.sendResponse(response, this.flow).catch(() => {
            // §17.2.4: a transport error is reported to the TU by ending the transaction.
            if (response.status >= 200)
                this.terminate();
        });
    }
}
//# sourceMappingURL=server-invite.js.map