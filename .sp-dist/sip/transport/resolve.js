// Next-hop resolution for a SIP URI (RFC 3263, simplified): transport from the URI, port default,
// hostname by the system resolver (A/AAAA; no NAPTR/SRV lookups).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { parseUri } from '../uri.js';
import { defaultPort } from './types.js';
export async function resolveTarget(uriText) {
    const uri = parseUri(uriText.trim().replace(/^<|>$/g, '').replace(/>.*$/, ''));
    if (!uri || uri.scheme === 'tel')
        throw new Error(`cannot route to "${uriText}"`);
    const param = uri.params.transport?.toLowerCase();
    const transport = uri.scheme === 'sips' || param === 'tls' ? 'tls' : param === 'tcp' ? 'tcp' : 'udp';
    const address = isIP(uri.host) ? uri.host : (await lookup(uri.host)).address;
    return { transport, address, port: uri.port ?? defaultPort(transport) };
}
//# sourceMappingURL=resolve.js.map