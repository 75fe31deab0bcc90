// HTTP Digest for SIP (RFC 2617, RFC 7616/8760, RFC 3261 §22): the client answer to a 401/407
// challenge, and the server side (stateless HMAC nonces) used by our own test registrar.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { quote } from './name-addr.js';
const ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'];
/** `Digest a=b, c="d"` → scheme and parameters (names lower-cased, values unquoted). */
export function parseAuthParams(value) {
    if (typeof value !== 'string')
        return null;
    const m = /^\s*([A-Za-z0-9\-_.]+)\s+(.*)$/s.exec(value);
    if (!m)
        return null;
    const params = {};
    const text = m[2];
    let i = 0;
    while (i < text.length) {
        const name = /^[\s,]*([A-Za-z0-9\-_.]+)\s*=\s*/.exec(text.slice(i));
        if (!name)
            break;
        i += name[0].length;
        let val;
        if (text[i] === '"') {
            let j = i + 1;
            val = '';
            while (j < text.length && text[j] !== '"') {
                if (text[j] === '\\')
                    j++;
                val += text[j] ?? '';
                j++;
            }
            if (j >= text.length)
                return null;
            i = j + 1;
        }
        else {
            const tok = /^[^\s,]*/.exec(text.slice(i))[0];
            val = tok;
            i += tok.length;
        }
        if (name[1].toLowerCase() !== '__proto__')
            params[name[1].toLowerCase()] = val;
    }
    if (text.slice(i).trim().replace(/,/g, '') !== '')
        return null;
    return { scheme: m[1], params };
}
function hash(algorithm, text) {
    return createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(text, 'utf8').digest('hex');
}
function digestResponse(d) {
    let ha1 = hash(d.algorithm, `${d.username}:${d.realm}:${d.password}`);
    if (d.algorithm.endsWith('-sess'))
        ha1 = hash(d.algorithm, `${ha1}:${d.nonce}:${d.cnonce}`);
    const bodyHash = d.qop === 'auth-int'
        ? createHash(d.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(d.body ?? Buffer.alloc(0)).digest('hex')
        : undefined;
    const ha2 = hash(d.algorithm, bodyHash ? `${d.method}:${d.uri}:${bodyHash}` : `${d.method}:${d.uri}`);
    return d.qop
        ? hash(d.algorithm, `${ha1}:${d.nonce}:${d.nc}:${d.cnonce}:${d.qop}:${ha2}`)
        : hash(d.algorithm, `${ha1}:${d.nonce}:${ha2}`);
}
/** The Authorization / Proxy-Authorization value answering a challenge. */
export function digestAuthorization(req) {
    const parsed = parseAuthParams(req.challenge);
    if (!parsed || parsed.scheme.toLowerCase() !== 'digest')
        return { ok: false, error: 'not a Digest challenge' };
    const { realm, nonce, opaque } = parsed.params;
    if (realm === undefined || nonce === undefined)
        return { ok: false, error: 'challenge without realm or nonce' };
    const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === (parsed.params.algorithm ?? 'MD5').toLowerCase());
    if (!algorithm)
        return { ok: false, error: `unsupported digest algorithm ${parsed.params.algorithm}` };
    const offered = parsed.params.qop?.split(',').map((q) => q.trim().toLowerCase());
    const qop = !offered ? undefined : offered.includes('auth') ? 'auth' : offered.includes('auth-int') ? 'auth-int' : null;
    if (qop === null)
        return { ok: false, error: `unsupported qop ${parsed.params.qop}` };
    const nc = (req.nc ?? 1).toString(16).padStart(8, '0');
    const cnonce = req.cnonce ?? randomBytes(8).toString('hex');
    const response = digestResponse({
        algorithm, username: req.username, realm, password: req.password, nonce, method: req.method,
        uri: req.uri, qop, nc, cnonce, body: req.body,
    });
    const parts = [`username=${quote(req.username)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`,
        `uri=${quote(req.uri)}`, `response="${response}"`, `algorithm=${algorithm}`];
    if (qop)
        parts.push(`cnonce=${quote(cnonce)}`, `qop=${qop}`, `nc=${nc}`);
    if (opaque !== undefined)
        parts.push(`opaque=${quote(opaque)}`);
    return { ok: true, value: `Digest ${parts.join(', ')}`, realm, stale: parsed.params.stale?.toLowerCase() === 'true' };
}
// --- server side -----------------------------------------------------------------------------
const SERVER_SECRET = randomBytes(32);
function nonceMac(issuedAt, realm) {
    return createHmac('sha256', SERVER_SECRET).update(`${issuedAt}:${realm}`).digest('base64url').slice(0, 22);
}
/** A WWW-Authenticate / Proxy-Authenticate value with a self-verifying nonce (no server state). */
export function createChallenge(realm, options = {}) {
    const issuedAt = String(options.now ?? Date.now());
    const nonce = `${Buffer.from(issuedAt).toString('base64url')}.${nonceMac(issuedAt, realm)}`;
    let value = `Digest realm=${quote(realm)}, nonce="${nonce}", algorithm=${options.algorithm ?? 'MD5'}, qop="auth"`;
    if (options.stale)
        value += ', stale=true';
    return value;
}
export function verifyDigest(authorization, method, password, options = {}) {
    const parsed = parseAuthParams(authorization);
    const fail = (reason) => ({ ok: false, stale: false, reason });
    if (!parsed || parsed.scheme.toLowerCase() !== 'digest')
        return fail('not Digest credentials');
    const p = parsed.params;
    if (!p.username || !p.realm || !p.nonce || !p.uri || !p.response)
        return fail('incomplete credentials');
    if (options.realm !== undefined && p.realm !== options.realm)
        return fail('wrong realm');
    if (options.uri !== undefined && p.uri !== options.uri)
        return fail('digest uri does not match the request');
    const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === (p.algorithm ?? 'MD5').toLowerCase());
    if (!algorithm)
        return fail('unsupported algorithm');
    const [stamp, mac] = p.nonce.split('.');
    const issuedAt = Buffer.from(stamp ?? '', 'base64url').toString();
    if (!mac || !/^\d+$/.test(issuedAt) || !safeEqual(mac, nonceMac(issuedAt, p.realm)))
        return fail('unknown nonce');
    const qop = p.qop?.toLowerCase();
    if (qop !== undefined && qop !== 'auth' && qop !== 'auth-int')
        return fail('unsupported qop');
    if (qop && (!p.nc || !p.cnonce))
        return fail('qop without nc or cnonce');
    const expected = digestResponse({
        algorithm, username: p.username, realm: p.realm, password, nonce: p.nonce, method, uri: p.uri,
        qop: qop, nc: p.nc ?? '', cnonce: p.cnonce ?? '', body: options.body,
    });
    if (!safeEqual(expected, p.response.toLowerCase()))
        return fail('wrong credentials');
    const age = (options.now ?? Date.now()) - Number(issuedAt);
    if (age > (options.maxNonceAgeMs ?? 300_000))
        return { ok: false, stale: true, reason: 'nonce expired' };
    return { ok: true, username: p.username };
}
function safeEqual(a, b) {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}
//# sourceMappingURL=digest.js.map