const WINDOW_MS = 500;
export class DtmfDeduper {
    last;
    accept(event, nowMs) {
        const last = this.last;
        if (last && last.digit === event.digit && last.source !== event.source && nowMs - last.atMs < WINDOW_MS)
            return false;
        this.last = { digit: event.digit, source: event.source, atMs: nowMs };
        return true;
    }
}
//# sourceMappingURL=dedupe.js.map