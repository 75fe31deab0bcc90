// SDP (RFC 4566/8866) model, parser and serializer, plus the per-media lookups negotiation needs:
// rtpmap/fmtp, direction and connection (media level over session level), rtcp port, crypto lines.

export interface SdpConnection {
  netType: string;
  addrType: 'IP4' | 'IP6' | (string & {});
  /** Without any /ttl suffix. */
  address: string;
}

export interface SdpOrigin {
  username: string;
  sessionId: string;
  /** Decimal string: may exceed 2^53. */
  sessionVersion: string;
  netType: string;
  addrType: string;
  address: string;
}

/** `a=name:value`, or a flag `a=name` (value undefined). */
export interface SdpAttribute { name: string; value?: string }

export interface SdpMedia {
  type: string;
  port: number;
  portCount?: number;
  protocol: string;
  formats: string[];
  connection?: SdpConnection;
  /** i=, b=, k= lines kept in order: [type letter, value]. */
  lines: [string, string][];
  attributes: SdpAttribute[];
}

export interface Sdp {
  version: number;
  origin: SdpOrigin;
  sessionName: string;
  connection?: SdpConnection;
  /** i=, u=, e=, p=, b=, t=, r=, z=, k= lines kept in order: [type letter, value]. */
  lines: [string, string][];
  attributes: SdpAttribute[];
  media: SdpMedia[];
}

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

export type SdpParseResult = { ok: true; sdp: Sdp } | { ok: false; error: string };

function parseConnection(value: string): SdpConnection | null {
  const m = /^(\S+) (\S+) ([^\s/]+)(?:\/\d+){0,2}$/.exec(value.trim());
  return m ? { netType: m[1]!, addrType: m[2]!, address: m[3]! } : null;
}

function parseAttribute(value: string): SdpAttribute {
  const colon = value.indexOf(':');
  return colon < 0 ? { name: value } : { name: value.slice(0, colon), value: value.slice(colon + 1) };
}

export function parseSdp(input: string | Buffer): SdpParseResult {
  const text = typeof input === 'string' ? input : Buffer.isBuffer(input) ? input.toString('utf8') : '';
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  let sdp: Partial<Sdp> & { lines: [string, string][]; attributes: SdpAttribute[]; media: SdpMedia[] } =
    { lines: [], attributes: [], media: [] };
  let media: SdpMedia | undefined;
  for (const [index, line] of lines.entries()) {
    // Named by number, not text: reasons end up in logs and SDP carries caller addresses.
    if (line.length < 2 || line[1] !== '=' || !/^[a-z]$/.test(line[0]!)) return { ok: false, error: `malformed SDP line ${index + 1}` };
    const type = line[0]!;
    const value = line.slice(2);
    if (type === 'm') {
      const m = /^(\S+) (\d+)(?:\/(\d+))? (\S+)((?: \S+)*)\s*$/.exec(value);
      if (!m || Number(m[2]) > 65535) return { ok: false, error: 'malformed m= line' };
      media = { type: m[1]!, port: Number(m[2]), protocol: m[4]!, formats: m[5]!.trim().split(/\s+/).filter(Boolean), lines: [], attributes: [] };
      if (m[3] !== undefined) media.portCount = Number(m[3]);
      sdp.media.push(media);
    } else if (type === 'a') (media ?? sdp).attributes.push(parseAttribute(value));
    else if (type === 'c') {
      const c = parseConnection(value);
      if (!c) return { ok: false, error: 'malformed c= line' };
      if (media) media.connection = c; else sdp.connection = c;
    } else if (media) media.lines.push([type, value]);
    else if (type === 'v') sdp.version = Number(value);
    else if (type === 'o') {
      const o = value.trim().split(/\s+/);
      if (o.length !== 6) return { ok: false, error: 'malformed o= line' };
      sdp.origin = { username: o[0]!, sessionId: o[1]!, sessionVersion: o[2]!, netType: o[3]!, addrType: o[4]!, address: o[5]! };
    } else if (type === 's') sdp.sessionName = value;
    else sdp.lines.push([type, value]);
  }
  if (sdp.version !== 0) return { ok: false, error: 'SDP version must be 0' };
  if (!sdp.origin) return { ok: false, error: 'SDP without o= line' };
  sdp = { ...sdp, sessionName: sdp.sessionName ?? '-' };
  return { ok: true, sdp: sdp as Sdp };
}

function formatConnection(c: SdpConnection): string {
  return `c=${c.netType} ${c.addrType} ${c.address}\r\n`;
}

function formatAttributes(attributes: SdpAttribute[]): string {
  return attributes.map((a) => (a.value === undefined ? `a=${a.name}\r\n` : `a=${a.name}:${a.value}\r\n`)).join('');
}

export function serializeSdp(sdp: Sdp): string {
  const o = sdp.origin;
  let out = `v=${sdp.version}\r\no=${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}\r\n`;
  out += `s=${sdp.sessionName || '-'}\r\n`;
  // RFC 4566 §5 order: i u e p c b t r z k a m.
  const order = 'iuepcbtrzk';
  // t= is mandatory: a missing one is written as "t=0 0" in its place, before any r=, z= or k=.
  const withTiming: [string, string][] = sdp.lines.some(([t]) => t === 't') ? sdp.lines : [...sdp.lines, ['t', '0 0']];
  const byOrder = [...withTiming].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  let wroteConnection = !sdp.connection;
  for (const [type, value] of byOrder) {
    if (!wroteConnection && order.indexOf(type) > order.indexOf('c')) {
      out += formatConnection(sdp.connection!);
      wroteConnection = true;
    }
    out += `${type}=${value}\r\n`;
  }
  out += formatAttributes(sdp.attributes);
  for (const m of sdp.media) {
    const port = m.portCount === undefined ? `${m.port}` : `${m.port}/${m.portCount}`;
    out += `m=${m.type} ${port} ${m.protocol}${m.formats.map((f) => ` ${f}`).join('')}\r\n`;
    const info = m.lines.filter(([t]) => t === 'i');
    for (const [t, v] of info) out += `${t}=${v}\r\n`;
    if (m.connection) out += formatConnection(m.connection);
    for (const [t, v] of m.lines.filter(([t]) => t !== 'i')) out += `${t}=${v}\r\n`;
    out += formatAttributes(m.attributes);
  }
  return out;
}

export function attribute(attributes: SdpAttribute[], name: string): string | undefined {
  return attributes.find((a) => a.name === name)?.value;
}

export interface RtpMap { payloadType: number; encoding: string; clockRate: number; channels: number }

/** Payload type → rtpmap, with the static assignments of RFC 3551 filled in when absent. */
export function rtpMaps(media: SdpMedia): Map<number, RtpMap> {
  const maps = new Map<number, RtpMap>();
  for (const f of media.formats) {
    const pt = Number(f);
    const fixed = STATIC_PAYLOADS[pt];
    if (fixed) maps.set(pt, { payloadType: pt, ...fixed });
  }
  for (const a of media.attributes) {
    if (a.name !== 'rtpmap' || !a.value) continue;
    const m = /^(\d+)\s+([^/\s]+)\/(\d+)(?:\/(\d+))?/.exec(a.value);
    if (m) maps.set(Number(m[1]), { payloadType: Number(m[1]), encoding: m[2]!, clockRate: Number(m[3]), channels: Number(m[4] ?? 1) });
  }
  return maps;
}

const STATIC_PAYLOADS: Record<number, Omit<RtpMap, 'payloadType'>> = {
  0: { encoding: 'PCMU', clockRate: 8000, channels: 1 },
  8: { encoding: 'PCMA', clockRate: 8000, channels: 1 },
  9: { encoding: 'G722', clockRate: 8000, channels: 1 },
};

export function fmtp(media: SdpMedia, payloadType: number): string | undefined {
  const prefix = `${payloadType} `;
  return media.attributes.find((a) => a.name === 'fmtp' && a.value?.startsWith(prefix))?.value?.slice(prefix.length).trim();
}

/** Media-level direction attribute, else session-level, else sendrecv (RFC 4566 §6). */
export function directionOf(sdp: Sdp, media: SdpMedia): Direction {
  const own = media.attributes.find((a) => DIRECTIONS.has(a.name));
  const session = sdp.attributes.find((a) => DIRECTIONS.has(a.name));
  return ((own ?? session)?.name as Direction | undefined) ?? 'sendrecv';
}

export function connectionOf(sdp: Sdp, media: SdpMedia): SdpConnection | undefined {
  return media.connection ?? sdp.connection;
}

/** RFC 2543-style hold: a connection address of 0.0.0.0 (or ::). */
export function isHoldAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** RFC 3605 a=rtcp port, else RTP port + 1. */
export function rtcpPortOf(media: SdpMedia): number {
  const value = attribute(media.attributes, 'rtcp');
  const port = value ? Number(/^(\d+)/.exec(value)?.[1]) : NaN;
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : media.port + 1;
}

export interface SdpCrypto { tag: number; suite: string; keyParams: string; sessionParams?: string }

/** RFC 4568 a=crypto lines (SDES-SRTP keys), in offer order. */
export function cryptoLines(media: SdpMedia): SdpCrypto[] {
  const out: SdpCrypto[] = [];
  for (const a of media.attributes) {
    if (a.name !== 'crypto' || !a.value) continue;
    const m = /^(\d+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(a.value.trim());
    if (m) out.push({ tag: Number(m[1]), suite: m[2]!, keyParams: m[3]!, ...(m[4] ? { sessionParams: m[4] } : {}) });
  }
  return out;
}
