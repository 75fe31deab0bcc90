const DIGIT = /^[0-9*#A-Da-d]$/;
export function isDtmfInfo(contentType) {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    return type === 'application/dtmf-relay' || type === 'application/dtmf';
}
/** undefined when the body carries no digit (e.g. Signal=16 flash or garbage). */
export function parseDtmfInfo(contentType, body) {
    const text = body.toString('utf8').trim();
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    let digit;
    let durationMs = 160;
    if (type === 'application/dtmf') {
        digit = text.split(/\s+/)[0];
    }
    else {
        digit = /^\s*signal\s*=\s*(\S+)/im.exec(text)?.[1];
        const duration = /^\s*duration\s*=\s*(\d+)/im.exec(text)?.[1];
        if (duration)
            durationMs = Number(duration);
    }
    if (digit === '10')
        digit = '*';
    if (digit === '11')
        digit = '#';
    if (!digit || !DIGIT.test(digit))
        return undefined;
    return { digit: digit.toUpperCase(), source: 'sip-info', durationMs };
}
//# sourceMappingURL=sip-info-dtmf.js.map