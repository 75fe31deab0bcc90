// Next-hop resolution for a SIP URI (RFC 3263 §4): an IP literal or explicit port is used as given;
// otherwise a hostname goes through NAPTR (service SIP+D2U / SIP+D2T / SIPS+D2T) → SRV (RFC 2782
// priority, then weighted choice) → A/AAAA, falling back to the plain host on the default port.
// Answers are cached briefly: registration refreshes and dialogs would otherwise query per request.
import { lookup, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { parseUri } from '../uri.js';
import { defaultPort, type Flow, type TransportKind } from './types.js';

const CACHE_MS = 30_000;
const SRV_PREFIX: Record<TransportKind, string> = { udp: '_sip._udp', tcp: '_sip._tcp', tls: '_sips._tcp' };
const NAPTR_SERVICE: Record<string, TransportKind> = { 'SIP+D2U': 'udp', 'SIP+D2T': 'tcp', 'SIPS+D2T': 'tls' };

let resolver = new Resolver({ timeout: 2000, tries: 2 });
const cache = new Map<string, { flow: Promise<Flow>; until: number }>();

/** Points SRV/NAPTR lookups at these DNS servers ("host:port"), e.g. a site resolver or a test's. */
export function useDnsServers(servers: string[]): void {
  resolver = new Resolver({ timeout: 2000, tries: 2 });
  if (servers.length > 0) resolver.setServers(servers);
  cache.clear();
}

export async function resolveTarget(uriText: string): Promise<Flow> {
  const uri = parseUri(uriText.trim().replace(/^<|>$/g, '').replace(/>.*$/, ''));
  if (!uri || uri.scheme === 'tel') throw new Error(`cannot route to "${uriText}"`);
  const secure = uri.scheme === 'sips';
  const param = uri.params.transport?.toLowerCase();
  const explicit: TransportKind | undefined = secure || param === 'tls' ? 'tls' : param === 'tcp' ? 'tcp' : param === 'udp' ? 'udp' : undefined;
  // Single-label names (localhost, a hosts-file alias) have no DNS records worth querying.
  if (isIP(uri.host) || uri.port !== undefined || !uri.host.includes('.')) {
    const transport = explicit ?? 'udp';
    const address = isIP(uri.host) ? uri.host : (await lookup(uri.host)).address;
    return { transport, address, port: uri.port ?? defaultPort(transport) };
  }
  const key = `${uri.host.toLowerCase()}|${explicit ?? ''}|${secure}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.flow;
  const flow = locate(uri.host, explicit, secure);
  cache.set(key, { flow, until: Date.now() + CACHE_MS });
  flow.catch(() => cache.delete(key));
  return flow;
}

async function locate(host: string, explicit: TransportKind | undefined, secure: boolean): Promise<Flow> {
  const chosen = explicit ? { kind: explicit } : await naptrTransport(host, secure);
  const kinds: readonly TransportKind[] = chosen ? [chosen.kind] : secure ? ['tls'] : ['udp', 'tcp', 'tls'];
  for (const kind of kinds) {
    const target = await srvTarget(chosen?.srvName ?? `${SRV_PREFIX[kind]}.${host}`);
    if (target) return { transport: kind, address: (await lookup(target.name)).address, port: target.port };
  }
  const fallback = chosen?.kind ?? (secure ? 'tls' : 'udp');
  return { transport: fallback, address: (await lookup(host)).address, port: defaultPort(fallback) };
}

/** The transport the domain's NAPTR records prefer among those we speak (lowest order, then preference). */
async function naptrTransport(host: string, secure: boolean): Promise<{ kind: TransportKind; srvName?: string } | undefined> {
  const records = await resolver.resolveNaptr(host).catch(() => []);
  const usable = records
    .filter((r) => r.flags.toLowerCase() === 's' && NAPTR_SERVICE[r.service.toUpperCase()] && (!secure || r.service.toUpperCase() === 'SIPS+D2T'))
    .sort((a, b) => a.order - b.order || a.preference - b.preference);
  const best = usable[0];
  return best ? { kind: NAPTR_SERVICE[best.service.toUpperCase()]!, srvName: best.replacement } : undefined;
}

/** RFC 2782 selection: the lowest priority, then a weighted random pick among that priority. */
async function srvTarget(name: string): Promise<{ name: string; port: number } | undefined> {
  const records = (await resolver.resolveSrv(name).catch(() => [])).filter((r) => r.name !== '.' && r.name !== '');
  if (records.length === 0) return undefined;
  const priority = Math.min(...records.map((r) => r.priority));
  const group = records.filter((r) => r.priority === priority);
  const total = group.reduce((sum, r) => sum + r.weight, 0);
  let pick = Math.random() * total;
  const chosen = group.find((r) => (pick -= r.weight) < 0) ?? group[0]!;
  return { name: chosen.name, port: chosen.port };
}
