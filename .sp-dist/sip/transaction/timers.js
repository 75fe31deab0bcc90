export const DEFAULT_TIMERS = { t1: 500, t2: 4000, t4: 5000 };
/** Timers B, F, H, J, L, M and the 2xx-until-ACK give-up time. */
export function transactionTimeout(timers) {
    return 64 * timers.t1;
}
/** Next retransmit interval: doubles from T1, capped at T2 when `capped` (Timers E, G; not A). */
export function nextInterval(current, timers, capped) {
    return capped ? Math.min(current * 2, timers.t2) : current * 2;
}
//# sourceMappingURL=timers.js.map