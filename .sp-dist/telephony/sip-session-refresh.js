// Running an RFC 4028 session timer on a call: when we are the refresher, refresh by UPDATE if the
// peer allows it, else by re-INVITE with our current offer; when they are, BYE if they stop refreshing.
import { parseCSeq } from '../sip/headers.js';
import { SessionTimerRunner } from '../sip/session-timer.js';
export function startSessionTimer(call, timer, weAre, peerAllow) {
    const useUpdate = peerAllow.some((a) => a.trim().toUpperCase() === 'UPDATE');
    call.sessionTimer = new SessionTimerRunner(timer.refresher === weAre, timer.intervalSeconds, () => void refresh(call, timer, useUpdate), () => void call.hangup('session timer expired'));
}
async function refresh(call, timer, useUpdate) {
    if (call.closed || call.offerInFlight || call.pendingAck?.waiting)
        return;
    const { ua } = call.context;
    const headers = { 'Session-Expires': `${timer.intervalSeconds};refresher=${timer.refresher}`, Supported: 'timer' };
    let status;
    if (useUpdate) {
        status = (await ua.requestInDialog(call.dialog, 'UPDATE', { headers })).status;
    }
    else {
        call.offerInFlight = true;
        try {
            const response = await ua.requestInDialog(call.dialog, 'INVITE', {
                headers: { ...headers, Contact: ua.contact(call.dialog.flow.transport) },
                body: call.media.offer(), contentType: 'application/sdp',
            });
            status = response.status;
            if (status >= 200 && status < 300) {
                await ua.sendAck(call.dialog, parseCSeq(response.headers.get('CSeq') ?? '')?.seq ?? call.dialog.localSeq);
                call.media.acceptAnswer(response.body);
                call.dialog.refreshTarget(response);
            }
        }
        finally {
            call.offerInFlight = false;
        }
    }
    // RFC 4028 §10: 408 or 481 to a refresh means the session is gone.
    if (status === 408 || status === 481)
        void call.hangup(`session refresh failed (${status})`);
}
//# sourceMappingURL=sip-session-refresh.js.map