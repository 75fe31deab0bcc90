// Via header values (RFC 3261 §20.42, RFC 3581 rport) and the random identifiers a UA mints:
// branch (with the RFC 3261 magic cookie), tags and Call-IDs.
import { randomBytes } from 'node:crypto';
import { formatParams, parseParams } from './headers.js';
import { formatHost, parseHostPort } from './uri.js';
export const BRANCH_MAGIC = 'z9hG4bK';
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
export function parseVia(text) {
    if (typeof text !== 'string')
        return null;
    return parseCommonVia(text) ?? parseSpacedVia(text);
}
/** Fast path for the usual "SIP/2.0/UDP host:port;params"; undefined sends odd spacing to the regex. */
function parseCommonVia(text) {
    if (!text.startsWith('SIP/2.0/'))
        return undefined;
    const space = text.indexOf(' ', 8);
    if (space < 0)
        return undefined;
    const semi = text.indexOf(';', space);
    const transport = text.slice(8, space);
    const sentBy = semi < 0 ? text.slice(space + 1) : text.slice(space + 1, semi);
    if (!TOKEN.test(transport) || !SENT_BY_CHARS.test(sentBy))
        return undefined;
    const hp = parseHostPort(sentBy);
    const params = semi < 0 ? {} : parseParams(text.slice(semi));
    if (!hp || !params)
        return null;
    const via = { protocol: 'SIP/2.0', transport: transport.toUpperCase(), host: hp.host, params };
    if (hp.port !== undefined)
        via.port = hp.port;
    return via;
}
const SENT_BY_CHARS = /^[A-Za-z0-9.\-:[\]]+$/;
function parseSpacedVia(text) {
    // sent-protocol allows LWS around the slashes: "SIP / 2.0 / UDP".
    const m = /^\s*([^\s/]+)\s*\/\s*([^\s/]+)\s*\/\s*([^\s/]+)\s+([^;\s]+(?:\s*:\s*\d+)?)\s*(;.*)?$/s.exec(text);
    if (!m)
        return null;
    const [, name, version, transport, sentBy, paramText] = m;
    if (!TOKEN.test(name) || !TOKEN.test(version) || !TOKEN.test(transport))
        return null;
    const hp = parseHostPort(sentBy.replace(/\s+/g, ''));
    if (!hp)
        return null;
    const params = paramText ? parseParams(paramText) : {};
    if (!params)
        return null;
    const via = {
        protocol: `${name.toUpperCase()}/${version}`,
        transport: transport.toUpperCase(),
        host: hp.host,
        params,
    };
    if (hp.port !== undefined)
        via.port = hp.port;
    return via;
}
export function formatVia(via) {
    return `${via.protocol}/${via.transport} ${formatHost(via.host, via.port)}${formatParams(via.params)}`;
}
/** RFC 3261 §8.1.1.7: branch starting with the magic cookie, unique per transaction. */
export function newBranch() {
    return BRANCH_MAGIC + randomBytes(10).toString('base64url');
}
export function newTag() {
    return randomBytes(6).toString('hex');
}
export function newCallId(host) {
    const id = randomBytes(12).toString('hex');
    return host ? `${id}@${host}` : id;
}
//# sourceMappingURL=via.js.map