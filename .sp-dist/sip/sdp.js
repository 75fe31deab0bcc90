// SDP (RFC 4566/8866) model, parser and serializer, plus the per-media lookups negotiation needs:
// rtpmap/fmtp, direction and connection (media level over session level), rtcp port, crypto lines.
const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);
function parseConnection(value) {
    const m = /^(\S+) (\S+) ([^\s/]+)(?:\/\d+){0,2}$/.exec(value.trim());
    return m ? { netType: m[1], addrType: m[2], address: m[3] } : null;
}
function parseAttribute(value) {
    const colon = value.indexOf(':');
    return colon < 0 ? { name: value } : { name: value.slice(0, colon), value: value.slice(colon + 1) };
}
export function parseSdp(input) {
    const text = typeof input === 'string' ? input : Buffer.isBuffer(input) ? input.toString('utf8') : '';
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    let sdp = { lines: [], attributes: [], media: [] };
    let media;
    for (const [index, line] of lines.entries()) {
        // Named by number, not text: reasons end up in logs and SDP carries caller addresses.
        if (line.length < 2 || line[1] !== '=' || !/^[a-z]$/.test(line[0]))
            return { ok: false, error: `malformed SDP line ${index + 1}` };
        const type = line[0];
        const value = line.slice(2);
        if (type === 'm') {
            const m = /^(\S+) (\d+)(?:\/(\d+))? (\S+)((?: \S+)*)\s*$/.exec(value);
            if (!m || Number(m[2]) > 65535)
                return { ok: false, error: 'malformed m= line' };
            media = { type: m[1], port: Number(m[2]), protocol: m[4], formats: m[5].trim().split(/\s+/).filter(Boolean), lines: [], attributes: [] };
            if (m[3] !== undefined)
                media.portCount = Number(m[3]);
            sdp.media.push(media);
        }
        else if (type === 'a')
            (media ?? sdp).attributes.push(parseAttribute(value));
        else if (type === 'c') {
            const c = parseConnection(value);
            if (!c)
                return { ok: false, error: 'malformed c= line' };
            if (media)
                media.connection = c;
            else
                sdp.connection = c;
        }
        else if (media)
            media.lines.push([type, value]);
        else if (type === 'v')
            sdp.version = Number(value);
        else if (type === 'o') {
            const o = value.trim().split(/\s+/);
            if (o.length !== 6)
                return { ok: false, error: 'malformed o= line' };
            sdp.origin = { username: o[0], sessionId: o[1], sessionVersion: o[2], netType: o[3], addrType: o[4], address: o[5] };
        }
        else if (type === 's')
            sdp.sessionName = value;
        else
            sdp.lines.push([type, value]);
    }
    if (sdp.version !== 0)
        return { ok: false, error: 'SDP version must be 0' };
    if (!sdp.origin)
        return { ok: false, error: 'SDP without o= line' };
    sdp = { ...sdp, sessionName: sdp.sessionName ?? '-' };
    return { ok: true, sdp: sdp };
}
function formatConnection(c) {
    return `c=${c.netType} ${c.addrType} ${c.address}\r\n`;
}
function formatAttributes(attributes) {
    return attributes.map((a) => (a.value === undefined ? `a=${a.name}\r\n` : `a=${a.name}:${a.value}\r\n`)).join('');
}
export function serializeSdp(sdp) {
    const o = sdp.origin;
    let out = `v=${sdp.version}\r\no=${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}\r\n`;
    out += `s=${sdp.sessionName || '-'}\r\n`;
    // RFC 4566 §5 order: i u e p c b t r z k a m.
    const order = 'iuepcbtrzk';
    const byOrder = [...sdp.lines].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    let wroteConnection = !sdp.connection;
    for (const [type, value] of byOrder) {
        if (!wroteConnection && order.indexOf(type) > order.indexOf('c')) {
            out += formatConnection(sdp.connection);
            wroteConnection = true;
        }
        out += `${type}=${value}\r\n`;
    }
    if (!wroteConnection)
        out += formatConnection(sdp.connection);
    if (!sdp.lines.some(([t]) => t === 't'))
        out += 't=0 0\r\n';
    out += formatAttributes(sdp.attributes);
    for (const m of sdp.media) {
        const port = m.portCount === undefined ? `${m.port}` : `${m.port}/${m.portCount}`;
        out += `m=${m.type} ${port} ${m.protocol}${m.formats.map((f) => ` ${f}`).join('')}\r\n`;
        const info = m.lines.filter(([t]) => t === 'i');
        for (const [t, v] of info)
            out += `${t}=${v}\r\n`;
        if (m.connection)
            out += formatConnection(m.connection);
        for (const [t, v] of m.lines.filter(([t]) => t !== 'i'))
            out += `${t}=${v}\r\n`;
        out += formatAttributes(m.attributes);
    }
    return out;
}
export function attribute(attributes, name) {
    return attributes.find((a) => a.name === name)?.value;
}
/** Payload type → rtpmap, with the static assignments of RFC 3551 filled in when absent. */
export function rtpMaps(media) {
    const maps = new Map();
    for (const f of media.formats) {
        const pt = Number(f);
        const fixed = STATIC_PAYLOADS[pt];
        if (fixed)
            maps.set(pt, { payloadType: pt, ...fixed });
    }
    for (const a of media.attributes) {
        if (a.name !== 'rtpmap' || !a.value)
            continue;
        const m = /^(\d+)\s+([^/\s]+)\/(\d+)(?:\/(\d+))?/.exec(a.value);
        if (m)
            maps.set(Number(m[1]), { payloadType: Number(m[1]), encoding: m[2], clockRate: Number(m[3]), channels: Number(m[4] ?? 1) });
    }
    return maps;
}
const STATIC_PAYLOADS = {
    0: { encoding: 'PCMU', clockRate: 8000, channels: 1 },
    8: { encoding: 'PCMA', clockRate: 8000, channels: 1 },
    9: { encoding: 'G722', clockRate: 8000, channels: 1 },
};
export function fmtp(media, payloadType) {
    const prefix = `${payloadType} `;
    return media.attributes.find((a) => a.name === 'fmtp' && a.value?.startsWith(prefix))?.value?.slice(prefix.length).trim();
}
/** Media-level direction attribute, else session-level, else sendrecv (RFC 4566 §6). */
export function directionOf(sdp, media) {
    const own = media.attributes.find((a) => DIRECTIONS.has(a.name));
    const session = sdp.attributes.find((a) => DIRECTIONS.has(a.name));
    return (own ?? session)?.name ?? 'sendrecv';
}
export function connectionOf(sdp, media) {
    return media.connection ?? sdp.connection;
}
/** RFC 2543-style hold: a connection address of 0.0.0.0 (or ::). */
export function isHoldAddress(address) {
    return address === '0.0.0.0' || address === '::';
}
/** RFC 3605 a=rtcp port, else RTP port + 1. */
export function rtcpPortOf(media) {
    const value = attribute(media.attributes, 'rtcp');
    const port = value ? Number(/^(\d+)/.exec(value)?.[1]) : NaN;
    return Number.isInteger(port) && port > 0 && port <= 65535 ? port : media.port + 1;
}
/** RFC 4568 a=crypto lines (SDES-SRTP keys), in offer order. */
export function cryptoLines(media) {
    const out = [];
    for (const a of media.attributes) {
        if (a.name !== 'crypto' || !a.value)
            continue;
        const m = /^(\d+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(a.value.trim());
        if (m)
            out.push({ tag: Number(m[1]), suite: m[2], keyParams: m[3], ...(m[4] ? { sessionParams: m[4] } : {}) });
    }
    return out;
}
//# sourceMappingURL=sdp.js.map