// Ends calls whose far end vanished without a BYE (NAT timeout, crashed phone): no RTP received for
// media.rtpTimeoutSeconds while the negotiated direction says the other side should be sending.
import type { SipCall } from './sip-call.js';

export function watchRtp(call: SipCall, timeoutSeconds: number): void {
  if (!(timeoutSeconds > 0)) return;
  let lastCount = -1;
  let silentSince = Date.now();
  const check = () => {
    if (call.closed) return clearInterval(timer);
    const direction = call.media.current?.direction;
    const expectsRtp = direction === 'sendrecv' || direction === 'recvonly';
    const received = call.media.session.stats().packetsReceived;
    if (received !== lastCount || !expectsRtp) {
      lastCount = received;
      silentSince = Date.now();
      return;
    }
    if (Date.now() - silentSince >= timeoutSeconds * 1000) {
      clearInterval(timer);
      void call.hangup(`no RTP for ${timeoutSeconds}s`, 'error');
    }
  };
  const timer = setInterval(check, Math.min(5000, (timeoutSeconds * 1000) / 4));
  timer.unref();
}
