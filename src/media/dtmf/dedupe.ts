// One DTMF stream out of three inputs (RFC 4733, in-band, SIP INFO): a digit reported by a second
// source shortly after the first (peers that send both) is dropped.
import type { DtmfEvent } from '../../telephony/call.js';

const WINDOW_MS = 500;

export class DtmfDeduper {
  private last: { digit: string; source: DtmfEvent['source']; atMs: number } | undefined;

  accept(event: DtmfEvent, nowMs: number): boolean {
    const last = this.last;
    if (last && last.digit === event.digit && last.source !== event.source && nowMs - last.atMs < WINDOW_MS) return false;
    this.last = { digit: event.digit, source: event.source, atMs: nowMs };
    return true;
  }
}
