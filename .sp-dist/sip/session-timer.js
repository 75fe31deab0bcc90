import { parseParams } from './headers.js';
/** RFC 4028 §4: Min-SE may not be below 90 s. */
export const MIN_SE = 90;
function parseSessionExpires(value) {
    if (!value)
        return undefined;
    const m = /^\s*(\d+)\s*(;.*)?$/.exec(value);
    if (!m)
        return undefined;
    const params = m[2] ? parseParams(m[2]) : {};
    const refresher = params?.refresher?.toLowerCase();
    return { seconds: Number(m[1]), ...(refresher === 'uac' || refresher === 'uas' ? { refresher } : {}) };
}
/** What to do with an incoming INVITE/UPDATE as UAS. */
export function decideAsUas(request) {
    const asked = parseSessionExpires(request.headers.get('Session-Expires'));
    if (!asked)
        return { kind: 'none' };
    const minSe = Math.max(MIN_SE, Number(/\d+/.exec(request.headers.get('Min-SE') ?? '')?.[0] ?? 0));
    if (asked.seconds < MIN_SE)
        return { kind: 'reject', minSe };
    const supportsTimer = request.headers.getAll('Supported').some((s) => s.trim().toLowerCase() === 'timer');
    // A UAC without timer support cannot refresh: we must (§9).
    const refresher = supportsTimer ? asked.refresher ?? 'uac' : 'uas';
    const timer = { intervalSeconds: asked.seconds, refresher };
    return { kind: 'use', timer, header: `${asked.seconds};refresher=${refresher}`, require: supportsTimer };
}
/** Session timer from the 2xx to our INVITE (we are the UAC). */
export function timerFromAnswer(response) {
    const se = parseSessionExpires(response.headers.get('Session-Expires'));
    return se ? { intervalSeconds: se.seconds, refresher: se.refresher ?? 'uac' } : undefined;
}
/**
 * Runs the timer for one dialog: `refresh` every interval/2 when we refresh, `expire` when the other
 * side should have refreshed by interval - min(32, interval/3) and did not (§10). `reset` on each refresh.
 */
export class SessionTimerRunner {
    weRefresh;
    intervalSeconds;
    refresh;
    expire;
    timer;
    constructor(weRefresh, intervalSeconds, refresh, expire) {
        this.weRefresh = weRefresh;
        this.intervalSeconds = intervalSeconds;
        this.refresh = refresh;
        this.expire = expire;
        this.reset();
    }
    reset() {
        clearTimeout(this.timer);
        const s = this.intervalSeconds;
        const ms = (this.weRefresh ? s / 2 : s - Math.min(32, s / 3)) * 1000;
        this.timer = setTimeout(() => (this.weRefresh ? (this.refresh(), this.reset()) : this.expire()), ms);
        this.timer.unref();
    }
    stop() {
        clearTimeout(this.timer);
    }
}
//# sourceMappingURL=session-timer.js.map