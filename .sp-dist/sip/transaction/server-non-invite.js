import { isReliable } from '../transport/types.js';
import { transactionTimeout } from './timers.js';
export class NonInviteServerTransaction {
    key;
    request;
    flow;
    context;
    state = 'trying';
    lastResponse;
    timeout;
    constructor(key, request, flow, context) {
        this.key = key;
        this.request = request;
        this.flow = flow;
        this.context = context;
    }
    respond(response) {
        if (this.state === 'completed' || this.state === 'terminated')
            return;
        this.lastResponse = response;
        this.send(response);
        if (response.status < 200) {
            this.state = 'proceeding';
            return;
        }
        this.state = 'completed';
        const linger = isReliable(this.flow.transport) ? 0 : transactionTimeout(this.context.timers);
        this.timeout = setTimeout(() => this.terminate(), linger);
    }
    receiveRetransmission() {
        if (this.lastResponse && this.state !== 'terminated')
            this.send(this.lastResponse);
    }
    terminate() {
        if (this.state === 'terminated')
            return;
        this.state = 'terminated';
        clearTimeout(this.timeout);
        this.context.onTerminated(this.key);
    }
    send(response) {
        this.context.transport.sendResponse(response, this.flow).catch(() => this.terminate());
    }
}
//# sourceMappingURL=server-non-invite.js.map