const COMPACT = {
    v: 'Via', f: 'From', t: 'To', i: 'Call-ID', m: 'Contact', l: 'Content-Length', c: 'Content-Type',
    k: 'Supported', s: 'Subject', e: 'Content-Encoding', o: 'Event', r: 'Refer-To', b: 'Referred-By',
    x: 'Session-Expires', u: 'Allow-Events', a: 'Accept-Contact', j: 'Reject-Contact',
    d: 'Request-Disposition', y: 'Identity', n: 'Identity-Info',
};
// Names whose canonical spelling is not plain Dash-Capitalised.
const SPECIAL = ['Call-ID', 'CSeq', 'WWW-Authenticate', 'RSeq', 'RAck', 'Min-SE', 'MIME-Version',
    'P-Asserted-Identity', 'P-Preferred-Identity', 'SIP-ETag', 'SIP-If-Match', 'Diversion'];
const SPECIAL_BY_LOWER = new Map(SPECIAL.map((n) => [n.toLowerCase(), n]));
/** Headers whose grammar is `#(element)`: a comma-separated value is several headers. */
const LIST_HEADERS = new Set([
    'via', 'route', 'record-route', 'contact', 'allow', 'supported', 'require', 'proxy-require',
    'unsupported', 'accept', 'accept-encoding', 'accept-language', 'allow-events', 'content-encoding',
    'content-language', 'in-reply-to', 'alert-info', 'call-info', 'error-info', 'path',
    'service-route', 'reason', 'security-client', 'security-server', 'security-verify',
    'p-asserted-identity', 'p-preferred-identity', 'privacy', 'warning', 'history-info', 'diversion',
    'accept-contact', 'reject-contact', 'request-disposition',
]);
const canonicalCache = new Map();
/** Full canonical spelling of a header name given in any case or compact form. */
export function canonicalHeaderName(name) {
    const cached = canonicalCache.get(name);
    if (cached !== undefined)
        return cached;
    const lower = name.toLowerCase();
    const result = COMPACT[lower] ?? SPECIAL_BY_LOWER.get(lower)
        ?? lower.split('-').map((p) => (p ? p[0].toUpperCase() + p.slice(1) : p)).join('-');
    if (canonicalCache.size < 1024)
        canonicalCache.set(name, result);
    return result;
}
const LIST_CANONICAL = new Set([...LIST_HEADERS].map((n) => canonicalHeaderName(n)));
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
/** Canonical name for a header name read off the wire, or undefined when it is not a token. */
export function headerNameOf(name) {
    const known = wireNames.get(name);
    if (known !== undefined || !TOKEN.test(name))
        return known;
    const canonical = canonicalHeaderName(name);
    if (wireNames.size < 1024)
        wireNames.set(name, canonical);
    return canonical;
}
const wireNames = new Map();
export function isListHeader(canonicalName) {
    return LIST_CANONICAL.has(canonicalName);
}
/** Splits on commas outside quoted strings and <...>; trims each part and drops empty ones. */
export function splitHeaderList(value) {
    if (!value.includes(',')) {
        const v = value.trim();
        return v ? [v] : [];
    }
    const parts = [];
    let start = 0;
    let inQuotes = false;
    let inAngle = false;
    for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        if (inQuotes) {
            if (ch === '\\')
                i++;
            else if (ch === '"')
                inQuotes = false;
        }
        else if (ch === '"')
            inQuotes = true;
        else if (ch === '<')
            inAngle = true;
        else if (ch === '>')
            inAngle = false;
        else if (ch === ',' && !inAngle) {
            parts.push(value.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(value.slice(start));
    return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}
class HeaderList {
    list;
    constructor(list = []) {
        this.list = list;
    }
    get(name) {
        const key = canonicalHeaderName(name);
        for (const [n, v] of this.list)
            if (n === key)
                return v;
        return undefined;
    }
    getAll(name) {
        const key = canonicalHeaderName(name);
        const out = [];
        for (const [n, v] of this.list)
            if (n === key)
                out.push(v);
        return out;
    }
    has(name) {
        return this.get(name) !== undefined;
    }
    /** Replaces every value of `name`, keeping the position of its first occurrence. */
    set(name, value) {
        const key = canonicalHeaderName(name);
        const values = (Array.isArray(value) ? value : [value]).map((v) => [key, v]);
        const at = this.list.findIndex(([n]) => n === key);
        const rest = this.list.filter(([n]) => n !== key);
        if (at < 0)
            rest.push(...values);
        else
            rest.splice(at, 0, ...values);
        this.list = rest;
    }
    append(name, value) {
        this.list.push([canonicalHeaderName(name), value]);
    }
    /** Adds before every existing value (a proxy's Via, a Route pre-load). */
    prepend(name, value) {
        this.list.unshift([canonicalHeaderName(name), value]);
    }
    delete(name) {
        const key = canonicalHeaderName(name);
        this.list = this.list.filter(([n]) => n !== key);
    }
    entries() {
        return this.list.map(([n, v]) => [n, v]);
    }
    clone() {
        return new HeaderList(this.entries());
    }
}
/** Wraps pairs whose names are already canonical (the parser's output) without copying them. */
export function headersFromPairs(pairs) {
    return new HeaderList(pairs);
}
/** An empty header list, or one filled from [name, value] pairs / a record (arrays = repeated). */
export function createHeaders(init) {
    const headers = new HeaderList();
    if (!init)
        return headers;
    const pairs = Symbol.iterator in init
        ? init
        : Object.entries(init)
            .flatMap(([n, v]) => (Array.isArray(v) ? v : [v]).map((x) => [n, x]));
    for (const [n, v] of pairs)
        headers.append(n, v);
    return headers;
}
/** Parses `;name=value;flag` parameters (names lower-cased, quoted values kept quoted). */
export function parseParams(text) {
    const params = {};
    const quoted = text.includes('"');
    let i = 0;
    while (i < text.length) {
        while (i < text.length && (text[i] === ' ' || text[i] === '\t'))
            i++;
        if (i >= text.length)
            break;
        if (text[i] !== ';')
            return null;
        i++;
        let j = quoted ? i : text.indexOf(';', i);
        if (j < 0)
            j = text.length;
        let inQuotes = false;
        for (; quoted && j < text.length; j++) {
            const ch = text[j];
            if (inQuotes) {
                if (ch === '\\')
                    j++;
                else if (ch === '"')
                    inQuotes = false;
            }
            else if (ch === '"')
                inQuotes = true;
            else if (ch === ';')
                break;
        }
        if (inQuotes)
            return null;
        const part = text.slice(i, j);
        const eq = part.indexOf('=');
        const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
        if (!name || !/^[A-Za-z0-9\-.!%*_+`'~]+$/.test(name))
            return null;
        // A "__proto__" parameter would set the object's prototype instead of a property: dropped.
        if (name !== '__proto__')
            params[name] = eq < 0 ? null : part.slice(eq + 1).trim();
        i = j;
    }
    return params;
}
export function formatParams(params) {
    let out = '';
    for (const [name, value] of Object.entries(params)) {
        if (value === undefined)
            continue;
        out += value === null ? `;${name}` : `;${name}=${value}`;
    }
    return out;
}
/** CSeq: "314159 INVITE" → { seq, method }; null when malformed (RFC 3261 §20.16, seq < 2^31). */
export function parseCSeq(value) {
    const m = /^\s*(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)\s*$/.exec(value);
    if (!m)
        return null;
    const seq = Number(m[1]);
    if (seq >= 2 ** 31)
        return null;
    return { seq, method: m[2] };
}
//# sourceMappingURL=headers.js.map