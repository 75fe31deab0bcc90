import { isReliable } from './transport/types.js';
export class Reliable2xx {
    retransmit;
    giveUp;
    done = false;
    constructor(transaction, response, transport, timers, onTimeout) {
        transaction.respond(response);
        const resend = (interval) => {
            this.retransmit = setTimeout(() => {
                if (this.done)
                    return;
                transport.sendResponse(response, transaction.flow).catch(() => undefined);
                resend(Math.min(interval * 2, timers.t2));
            }, interval);
        };
        if (!isReliable(transaction.flow.transport))
            resend(timers.t1);
        this.giveUp = setTimeout(() => {
            if (this.done)
                return;
            this.stop();
            onTimeout();
        }, 64 * timers.t1);
    }
    get acknowledged() {
        return this.done;
    }
    /** The ACK arrived (or the call ended): stop retransmitting. */
    stop() {
        this.done = true;
        clearTimeout(this.retransmit);
        clearTimeout(this.giveUp);
    }
}
//# sourceMappingURL=dialog-2xx.js.map