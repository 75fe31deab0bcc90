// name-addr / addr-spec values of From, To, Contact, Route, Refer-To (RFC 3261 §20.10, §25.1):
// display name, URI and header parameters such as tag and expires; plus quoted-string helpers.
import { formatParams, parseParams } from './headers.js';
import { formatUri, parseUri } from './uri.js';
/** Reads a quoted-string starting at `text[start] === '"'`; returns the unescaped value and end. */
export function readQuoted(text, start) {
    let value = '';
    for (let i = start + 1; i < text.length; i++) {
        const ch = text[i];
        if (ch === '\\') {
            if (i + 1 >= text.length)
                return null;
            value += text[++i];
        }
        else if (ch === '"')
            return { value, end: i + 1 };
        else
            value += ch;
    }
    return null;
}
export function quote(value) {
    return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
/** Strips surrounding quotes (and escapes) from a parameter value; other values pass through. */
export function unquote(value) {
    return value.startsWith('"') ? readQuoted(value, 0)?.value ?? value : value;
}
export function parseNameAddr(text) {
    if (typeof text !== 'string')
        return null;
    const s = text.trim();
    let i = 0;
    let displayName;
    if (s.startsWith('"')) {
        const q = readQuoted(s, 0);
        if (!q)
            return null;
        displayName = q.value;
        i = q.end;
        while (s[i] === ' ' || s[i] === '\t')
            i++;
        if (s[i] !== '<')
            return null;
    }
    const lt = s.indexOf('<', i);
    if (lt >= 0) {
        const gt = s.indexOf('>', lt);
        if (gt < 0)
            return null;
        if (displayName === undefined) {
            const tokens = s.slice(0, lt).trim();
            // RFC 3261 wants tokens here; UTF-8 names are accepted too, as real PBXs send them unquoted.
            if (tokens && /[<>"\x00-\x08\x0a-\x1f\x7f]/.test(tokens))
                return null;
            if (tokens)
                displayName = tokens.replace(/[ \t]+/g, ' ');
        }
        const uri = parseUri(s.slice(lt + 1, gt));
        const params = parseParams(s.slice(gt + 1));
        if (!uri || !params)
            return null;
        return displayName === undefined ? { uri, params } : { displayName, uri, params };
    }
    if (displayName !== undefined)
        return null;
    // addr-spec: the URI cannot carry parameters, so every ';' starts a header parameter.
    const semi = s.indexOf(';');
    const spec = (semi < 0 ? s : s.slice(0, semi)).trim();
    if (/[\s,?]/.test(spec))
        return null;
    const uri = parseUri(spec);
    const params = semi < 0 ? {} : parseParams(s.slice(semi));
    if (!uri || !params)
        return null;
    return { uri, params };
}
/** Always writes the <uri> form, so URI parameters never get mistaken for header parameters. */
export function formatNameAddr(value) {
    const name = value.displayName !== undefined ? `${quote(value.displayName)} ` : '';
    return `${name}<${formatUri(value.uri)}>${formatParams(value.params)}`;
}
/** The `tag` parameter of a From/To value, if any. */
export function tagOf(value) {
    if (!value)
        return undefined;
    const tag = parseNameAddr(value)?.params.tag;
    return tag ?? undefined;
}
//# sourceMappingURL=name-addr.js.map