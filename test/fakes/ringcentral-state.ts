// The RingCentral fake's data and rules: issued tokens, the soft-phone device and its SIP
// credentials, extensions with settable presence, telephony sessions, and the transfers observed.
import { randomBytes, randomUUID } from 'node:crypto';

export type RcFault =
  | { kind: '429'; retryAfter?: number; window?: number; path?: string }
  | { kind: '401' | '500'; path?: string }
  | { kind: 'expire-tokens' };

export interface FakeExtension {
  id: string;
  extensionNumber: string;
  name: string;
  telephonyStatus: string;
  dndStatus: string;
  userStatus: string;
}

export interface RingCentralFakeOptions {
  port?: number;
  latencyMs?: number;
  clientId: string;
  clientSecret: string;
  jwt: string;
  accessTtlSeconds?: number;
  /** false = the app was not allowed to get refresh tokens. */
  refreshTokens?: boolean;
  deviceName?: string;
  sip: { domain: string; proxy?: string; proxyTls?: string; userName: string; password: string; authorizationId: string };
  extensions?: Partial<FakeExtension>[];
}

interface Session {
  id: string;
  callId: string;
  partyId: string;
  status: string;
}

type Result = { status: number; body: unknown };

export class RingCentralFakeState {
  readonly requests: { method: string; path: string; body: string; authorization?: string }[] = [];
  readonly transfers: { sessionId: string; partyId: string; body: unknown }[] = [];
  readonly sessions = new Map<string, Session>();
  readonly extensions: FakeExtension[];
  readonly sip: RingCentralFakeOptions['sip'];
  grants = { jwt: 0, refresh: 0 };
  private readonly access = new Map<string, number>();
  private readonly refresh = new Map<string, number>();
  private readonly faults: RcFault[] = [];

  constructor(private readonly options: RingCentralFakeOptions) {
    this.sip = options.sip;
    this.extensions = (options.extensions ?? [{ extensionNumber: '101', name: 'Support' }]).map((ext, i) => ({
      id: String(ext.id ?? 62_000_000 + i), extensionNumber: ext.extensionNumber ?? String(101 + i), name: ext.name ?? `Agent ${i}`,
      telephonyStatus: ext.telephonyStatus ?? 'NoCall', dndStatus: ext.dndStatus ?? 'TakeAllCalls', userStatus: ext.userStatus ?? 'Available',
    }));
  }

  inject(fault: RcFault): void {
    if (fault.kind === 'expire-tokens') this.access.clear();
    else this.faults.push(fault);
  }

  nextFault(path: string): RcFault | undefined {
    const index = this.faults.findIndex((fault) => !('path' in fault) || !fault.path || path.includes(fault.path));
    return index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
  }

  /** A call the registrar delivered to the soft-phone: RingCentral knows it by SIP Call-ID. */
  addCall(callId: string, ids: { sessionId?: string; partyId?: string } = {}): Session {
    const session = {
      id: ids.sessionId ?? `s-${randomUUID().replace(/-/g, '').slice(0, 20)}`, callId,
      partyId: ids.partyId ?? `p-${randomUUID().replace(/-/g, '').slice(0, 20)}-1`, status: 'Answered',
    };
    this.sessions.set(session.id, session);
    return session;
  }

  validBearer(header: string | undefined): boolean {
    const token = header?.replace(/^Bearer /, '') ?? '';
    return (this.access.get(token) ?? 0) > Date.now();
  }

  revoke(token: string): void {
    this.access.delete(token);
    this.refresh.delete(token);
  }

  token(authorization: string | undefined, form: URLSearchParams): Result {
    if (!authorization?.startsWith('Basic ')) return { status: 401, body: oauthError('invalid_client', 'OAU-123', 'Client authentication is required') };
    const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString().split(':');
    if (id !== this.options.clientId || secret !== this.options.clientSecret) return { status: 401, body: oauthError('invalid_client', 'OAU-146', 'Invalid client: ' + (id ?? '')) };
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (form.get('assertion') !== this.options.jwt) return { status: 400, body: oauthError('invalid_grant', 'OAU-140', 'Invalid resource owner credentials') };
      this.grants.jwt++;
    } else if (grant === 'refresh_token') {
      const rt = form.get('refresh_token') ?? '';
      if ((this.refresh.get(rt) ?? 0) < Date.now()) return { status: 400, body: oauthError('invalid_grant', 'OAU-211', 'Token is revoked') };
      this.refresh.delete(rt);
      this.grants.refresh++;
    } else {
      return { status: 400, body: oauthError('unsupported_grant_type', 'OAU-250', `Unsupported grant type: ${grant ?? ''}`) };
    }
    const ttl = this.options.accessTtlSeconds ?? 3600;
    const access = `fake-at-${randomBytes(16).toString('hex')}`;
    this.access.set(access, Date.now() + ttl * 1000);
    const body: Record<string, unknown> = { access_token: access, token_type: 'bearer', expires_in: ttl, scope: 'ReadAccounts CallControl ReadPresence VoipCalling', owner_id: '62000099', endpoint_id: 'fake-endpoint' };
    if (this.options.refreshTokens !== false) {
      const rt = `fake-rt-${randomBytes(16).toString('hex')}`;
      this.refresh.set(rt, Date.now() + 604_800_000);
      Object.assign(body, { refresh_token: rt, refresh_token_expires_in: 604_799 });
    }
    return { status: 200, body };
  }

  api(method: string, url: URL, body: any): Result {
    const path = url.pathname;
    const notFound = (parameter: string): Result => ({ status: 404, body: rcError('CMN-102', `Resource for parameter [${parameter}] is not found`, parameter) });
    if (method === 'GET' && path === '/restapi/v1.0/account/~/extension/~/device') {
      const device = { id: '800500100', uri: `${url.origin}/restapi/v1.0/account/62000099/device/800500100`, type: 'OtherPhone', name: this.options.deviceName ?? 'My SIP phone', status: 'Online', model: { name: 'Existing Phone' }, extension: { id: '62000099', extensionNumber: '100' } };
      return { status: 200, body: { uri: url.href, records: [device, { id: '800500200', type: 'SoftPhone', name: 'RingCentral App', status: 'Online' }], paging: { page: 1, totalPages: 1, perPage: 100, totalElements: 2 }, navigation: {} } };
    }
    let match = /^\/restapi\/v1\.0\/account\/~\/device\/([^/]+)\/sip-info$/.exec(path);
    if (method === 'GET' && match) {
      if (match[1] !== '800500100') return notFound('deviceId');
      const { domain, proxy, proxyTls, userName, password, authorizationId } = this.sip;
      return { status: 200, body: { domain, outboundProxies: [{ region: 'NA', ...(proxy ? { proxy } : {}), ...(proxyTls ? { proxyTLS: proxyTls } : {}) }], userName, password, authorizationId } };
    }
    if (method === 'GET' && path === '/restapi/v1.0/account/~/extension') {
      const number = url.searchParams.get('extensionNumber');
      const records = this.extensions.filter((ext) => !number || ext.extensionNumber === number).map((ext) => ({ id: Number(ext.id), extensionNumber: ext.extensionNumber, name: ext.name, type: 'User', status: 'Enabled' }));
      return { status: 200, body: { records, paging: { page: 1, totalPages: 1, perPage: 100, totalElements: records.length }, navigation: {} } };
    }
    match = /^\/restapi\/v1\.0\/account\/~\/extension\/([^/]+)\/presence$/.exec(path);
    if (method === 'GET' && match) {
      if (match[1] === '~') {
        const activeCalls = [...this.sessions.values()].map((s) => ({ id: s.callId, direction: 'Inbound', telephonyStatus: 'CallConnected', sipData: { callId: s.callId }, sessionId: s.id.replace('s-', ''), telephonySessionId: s.id, partyId: s.partyId }));
        return { status: 200, body: { uri: url.href, extension: { id: '62000099', extensionNumber: '100' }, presenceStatus: 'Busy', telephonyStatus: activeCalls.length ? 'CallConnected' : 'NoCall', userStatus: 'Available', dndStatus: 'TakeAllCalls', activeCalls } };
      }
      const ext = this.extensions.find((e) => e.id === match![1]);
      if (!ext) return notFound('extensionId');
      const busy = ext.telephonyStatus !== 'NoCall';
      return { status: 200, body: { uri: url.href, extension: { id: ext.id, extensionNumber: ext.extensionNumber }, presenceStatus: ext.userStatus === 'Offline' ? 'Offline' : busy ? 'Busy' : 'Available', telephonyStatus: ext.telephonyStatus, userStatus: ext.userStatus, dndStatus: ext.dndStatus, allowSeeMyPresence: true } };
    }
    match = /^\/restapi\/v1\.0\/account\/~\/telephony\/sessions\/([^/]+)(?:\/parties\/([^/]+)\/transfer)?$/.exec(path);
    if (match) {
      const session = this.sessions.get(match[1]!);
      if (!session) return notFound('telephonySessionId');
      if (!match[2] && method === 'GET') return { status: 200, body: { id: session.id, origin: { type: 'Call' }, creationTime: new Date().toISOString(), parties: [{ id: session.partyId, direction: 'Inbound', status: { code: session.status }, muted: false, standAlone: false }] } };
      if (!match[2] && method === 'DELETE') {
        this.sessions.delete(session.id);
        return { status: 204, body: undefined };
      }
      if (match[2] && method === 'POST') {
        if (match[2] !== session.partyId) return notFound('partyId');
        const keys = Object.keys(body ?? {}).filter((key) => ['phoneNumber', 'extensionNumber', 'extensionId', 'voicemail', 'parkOrbit'].includes(key));
        if (keys.length !== 1) return { status: 400, body: rcError('CMN-101', 'Exactly one of [phoneNumber, extensionNumber, extensionId, voicemail, parkOrbit] must be specified', 'body') };
        if (body.extensionNumber && !this.extensions.some((e) => e.extensionNumber === body.extensionNumber)) return notFound('extensionNumber');
        this.transfers.push({ sessionId: session.id, partyId: session.partyId, body });
        session.status = 'Gone';
        return { status: 200, body: { id: session.partyId, direction: 'Inbound', status: { code: 'Gone', reason: 'BlindTransfer' }, muted: false, standAlone: false } };
      }
    }
    return notFound('path');
  }
}

function oauthError(error: string, errorCode: string, message: string) {
  return { error, error_description: message, errors: [{ errorCode, message }] };
}

/** RingCentral's error body: top-level errorCode + message and the errors[] list (notes §1.2). */
export function rcError(errorCode: string, message: string, parameterName?: string) {
  const entry = parameterName ? { errorCode, message, parameterName } : { errorCode, message };
  return { errorCode, message, errors: [entry] };
}
