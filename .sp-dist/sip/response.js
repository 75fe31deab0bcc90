// Building a response to a request (RFC 3261 §8.2.6): the copied headers, the To tag, Record-Route
// for dialog-creating responses, and the default reason phrase of every RFC 3261 status code.
import { createHeaders } from './headers.js';
import { parseNameAddr } from './name-addr.js';
const REASONS = {
    100: 'Trying', 180: 'Ringing', 181: 'Call Is Being Forwarded', 182: 'Queued',
    183: 'Session Progress', 199: 'Early Dialog Terminated',
    200: 'OK', 202: 'Accepted', 204: 'No Notification',
    300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Moved Temporarily', 305: 'Use Proxy',
    380: 'Alternative Service',
    400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden',
    404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
    407: 'Proxy Authentication Required', 408: 'Request Timeout', 410: 'Gone',
    412: 'Conditional Request Failed', 413: 'Request Entity Too Large', 414: 'Request-URI Too Long',
    415: 'Unsupported Media Type', 416: 'Unsupported URI Scheme', 420: 'Bad Extension',
    421: 'Extension Required', 422: 'Session Interval Too Small', 423: 'Interval Too Brief',
    480: 'Temporarily Unavailable', 481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected',
    483: 'Too Many Hops', 484: 'Address Incomplete', 485: 'Ambiguous', 486: 'Busy Here',
    487: 'Request Terminated', 488: 'Not Acceptable Here', 489: 'Bad Event', 491: 'Request Pending',
    493: 'Undecipherable',
    500: 'Server Internal Error', 501: 'Not Implemented', 502: 'Bad Gateway',
    503: 'Service Unavailable', 504: 'Server Time-out', 505: 'Version Not Supported',
    513: 'Message Too Large', 580: 'Precondition Failure',
    600: 'Busy Everywhere', 603: 'Decline', 604: 'Does Not Exist Anywhere', 606: 'Not Acceptable',
};
const CLASS_REASONS = ['', 'Provisional', 'OK', 'Redirect', 'Client Error', 'Server Error', 'Global Failure'];
/** Default reason phrase; unknown codes get their class name ("Client Error"). */
export function reasonPhrase(status) {
    return REASONS[status] ?? CLASS_REASONS[Math.floor(status / 100)] ?? 'Unknown';
}
const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);
export function buildResponse(request, status, reason, extra = {}) {
    const h = request.headers;
    const headers = createHeaders();
    for (const via of h.getAll('Via'))
        headers.append('Via', via);
    for (const name of ['From', 'To', 'Call-ID', 'CSeq']) {
        const value = h.get(name);
        if (value !== undefined)
            headers.append(name, value);
    }
    const to = h.get('To');
    if (extra.toTag && to !== undefined && parseNameAddr(to)?.params.tag === undefined) {
        headers.set('To', `${to};tag=${extra.toTag}`);
    }
    if (status > 100 && status < 300 && DIALOG_CREATING.has(request.method.toUpperCase())) {
        for (const rr of h.getAll('Record-Route'))
            headers.append('Record-Route', rr);
    }
    if (status === 100 && h.has('Timestamp'))
        headers.append('Timestamp', h.get('Timestamp'));
    for (const [name, value] of Object.entries(extra.headers ?? {}))
        headers.set(name, value);
    return {
        kind: 'response',
        status,
        reason: reason ?? reasonPhrase(status),
        headers,
        body: extra.body ?? Buffer.alloc(0),
    };
}
//# sourceMappingURL=response.js.map