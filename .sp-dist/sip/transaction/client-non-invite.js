import { isReliable } from '../transport/types.js';
import { buildResponse } from '../response.js';
import { nextInterval, transactionTimeout } from './timers.js';
export class NonInviteClientTransaction {
    key;
    request;
    flow;
    context;
    onResponse;
    state = 'trying';
    retransmit;
    timeout;
    constructor(key, request, flow, context, onResponse) {
        this.key = key;
        this.request = request;
        this.flow = flow;
        this.context = context;
        this.onResponse = onResponse;
    }
    start() {
        this.send();
        const { timers } = this.context;
        if (!isReliable(this.flow.transport))
            this.scheduleRetransmit(timers.t1);
        this.timeout = setTimeout(() => this.fail(408, 'Request Timeout'), transactionTimeout(timers));
    }
    receive(response) {
        if (this.state === 'completed' || this.state === 'terminated')
            return;
        if (response.status < 200) {
            this.state = 'proceeding';
            this.onResponse(response);
            return;
        }
        this.state = 'completed';
        clearTimeout(this.retransmit);
        clearTimeout(this.timeout);
        this.onResponse(response);
        const linger = isReliable(this.flow.transport) ? 0 : this.context.timers.t4;
        this.timeout = setTimeout(() => this.terminate(), linger);
    }
    terminate() {
        if (this.state === 'terminated')
            return;
        this.state = 'terminated';
        clearTimeout(this.retransmit);
        clearTimeout(this.timeout);
        this.context.onTerminated(this.key);
    }
    fail(status, reason) {
        if (this.state === 'completed' || this.state === 'terminated')
            return;
        this.terminate();
        this.onResponse(buildResponse(this.request, status, reason));
    }
    scheduleRetransmit(interval) {
        this.retransmit = setTimeout(() => {
            if (this.state !== 'trying' && this.state !== 'proceeding')
                return;
            this.send();
            // §17.1.2.2: in Proceeding the interval stays at T2.
            const next = this.state === 'proceeding' ? this.context.timers.t2 : nextInterval(interval, this.context.timers, true);
            this.scheduleRetransmit(next);
        }, interval);
    }
    send() {
        this.context.transport.send(this.request, this.flow).catch(() => this.fail(503, 'Service Unavailable (transport error)'));
    }
}
//# sourceMappingURL=client-non-invite.js.map