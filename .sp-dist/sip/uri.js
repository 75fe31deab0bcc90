// SIP/SIPS/tel URIs (RFC 3261 §19.1, RFC 3966): parse into parts, format back, host[:port] helpers.
// User parts and parameter values are kept exactly as written (still %-escaped) so formatting is lossless.
import { formatParams, parseParams } from './headers.js';
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;
// '#' is not allowed unescaped, but feature codes like "*97#" arrive that way from real PBXs.
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/#]|%[0-9A-Fa-f]{2})+$/;
const PASSWORD = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*$/;
// Global numbers need a digit; the lookahead keeps the check linear.
const TEL_NUMBER = /^(?:\+(?=[^0-9]*[0-9])[0-9\-.()]+|[0-9A-Fa-f*#\-.()pPwW]+)$/;
/** "host", "host:port", "[v6]", "[v6]:port" → parts; null when malformed. */
export function parseHostPort(text) {
    let host;
    let rest;
    if (text.startsWith('[')) {
        const close = text.indexOf(']');
        if (close < 0)
            return null;
        host = text.slice(1, close);
        if (!IPV6.test(host) || !host.includes(':'))
            return null;
        rest = text.slice(close + 1);
    }
    else {
        const colon = text.indexOf(':');
        host = colon < 0 ? text : text.slice(0, colon);
        rest = colon < 0 ? '' : text.slice(colon);
        if (!HOSTNAME.test(host))
            return null;
    }
    if (rest === '')
        return { host };
    const m = /^:(\d{1,5})$/.exec(rest);
    if (!m)
        return null;
    const port = Number(m[1]);
    return port <= 65535 ? { host, port } : null;
}
/** Brackets IPv6 literals for use inside URIs and Via. */
export function formatHost(host, port) {
    const h = host.includes(':') ? `[${host}]` : host;
    return port === undefined ? h : `${h}:${port}`;
}
export function parseUri(text) {
    if (typeof text !== 'string')
        return null;
    const s = text.trim();
    const colon = s.indexOf(':');
    if (colon < 0)
        return null;
    const scheme = s.slice(0, colon).toLowerCase();
    if (scheme === 'tel')
        return parseTel(s.slice(colon + 1));
    if (scheme !== 'sip' && scheme !== 'sips')
        return null;
    let rest = s.slice(colon + 1);
    const uri = { scheme, host: '', params: {}, headers: {} };
    const at = rest.indexOf('@');
    if (at >= 0) {
        const userinfo = rest.slice(0, at);
        rest = rest.slice(at + 1);
        const pc = userinfo.indexOf(':');
        const user = pc < 0 ? userinfo : userinfo.slice(0, pc);
        if (!USER.test(user))
            return null;
        uri.user = user;
        if (pc >= 0) {
            const password = userinfo.slice(pc + 1);
            if (!PASSWORD.test(password))
                return null;
            uri.password = password;
        }
    }
    const q = rest.indexOf('?');
    const beforeHeaders = q < 0 ? rest : rest.slice(0, q);
    const semi = beforeHeaders.indexOf(';');
    const hostPart = semi < 0 ? beforeHeaders : beforeHeaders.slice(0, semi);
    const hp = parseHostPort(hostPart);
    if (!hp)
        return null;
    uri.host = hp.host;
    if (hp.port !== undefined)
        uri.port = hp.port;
    if (semi >= 0) {
        const params = parseParams(beforeHeaders.slice(semi));
        if (!params)
            return null;
        uri.params = params;
    }
    if (q >= 0) {
        for (const pair of rest.slice(q + 1).split('&')) {
            if (!pair)
                continue;
            const eq = pair.indexOf('=');
            if (eq <= 0)
                return null;
            if (pair.slice(0, eq) !== '__proto__')
                uri.headers[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
    }
    return uri;
}
function parseTel(rest) {
    const semi = rest.indexOf(';');
    const number = semi < 0 ? rest : rest.slice(0, semi);
    if (!TEL_NUMBER.test(number))
        return null;
    const params = semi < 0 ? {} : parseParams(rest.slice(semi));
    if (!params)
        return null;
    return { scheme: 'tel', user: number, host: '', params, headers: {} };
}
export function formatUri(uri) {
    if (uri.scheme === 'tel')
        return `tel:${uri.user ?? ''}${formatParams(uri.params)}`;
    let out = `${uri.scheme}:`;
    if (uri.user !== undefined) {
        out += uri.user;
        if (uri.password !== undefined)
            out += `:${uri.password}`;
        out += '@';
    }
    out += formatHost(uri.host, uri.port) + formatParams(uri.params);
    const headers = Object.entries(uri.headers);
    if (headers.length)
        out += '?' + headers.map(([n, v]) => `${n}=${v}`).join('&');
    return out;
}
//# sourceMappingURL=uri.js.map