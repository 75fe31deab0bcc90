// RFC 3261 §17 / Table 4 timer values. T1/T2/T4 are configurable so tests can shorten them;
// every other timer derives from them.
export interface SipTimers {
  /** RTT estimate (default 500 ms). */
  t1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses (default 4 s). */
  t2: number;
  /** Maximum duration a message remains in the network (default 5 s). */
  t4: number;
}

export const DEFAULT_TIMERS: SipTimers = { t1: 500, t2: 4000, t4: 5000 };

/** Timers B, F, H, J, L, M and the 2xx-until-ACK give-up time. */
export function transactionTimeout(timers: SipTimers): number {
  return 64 * timers.t1;
}

/** Next retransmit interval: doubles from T1, capped at T2 when `capped` (Timers E, G; not A). */
export function nextInterval(current: number, timers: SipTimers, capped: boolean): number {
  return capped ? Math.min(current * 2, timers.t2) : current * 2;
}
