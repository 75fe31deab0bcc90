// Dashboard access: an admin token (Authorization: Bearer, or a login that sets an HttpOnly cookie
// holding an HMAC of the token, never the token). Without a token, access is open only when the server
// listens on loopback, and then only to requests addressed to a loopback host name (no DNS rebinding).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'frontdesk_session';

export type AccessMode = 'token' | 'open-loopback' | 'closed';

export interface AccessDecision {
  ok: boolean;
  status?: 401 | 403;
  error?: string;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)(:\d+)?$/i;

export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

function cookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

export class DashboardAuth {
  readonly mode: AccessMode;

  constructor(
    private readonly token: string | undefined,
    listenHost: string,
    readonly tokenEnv: string,
  ) {
    this.mode = token ? 'token' : isLoopbackAddress(listenHost) ? 'open-loopback' : 'closed';
  }

  /** The cookie value proving a login: an HMAC of the token, so the cookie never reveals it. */
  private sessionValue(): string {
    return createHmac('sha256', this.token ?? '').update('frontdesk dashboard session v1').digest('base64url');
  }

  checkLogin(candidate: unknown): boolean {
    return this.mode === 'token' && typeof candidate === 'string' && sameSecret(candidate, this.token!);
  }

  sessionCookie(secure: boolean): string {
    return `${SESSION_COOKIE}=${this.sessionValue()}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${30 * 24 * 3600}${secure ? '; Secure' : ''}`;
  }

  static clearedCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  /** Whether a request (HTTP or WebSocket upgrade) may use the API. */
  check(headers: IncomingHttpHeaders): AccessDecision {
    if (this.mode === 'closed') {
      return { ok: false, status: 403, error: `no admin token: set ${this.tokenEnv} to use the dashboard from other machines` };
    }
    if (this.mode === 'open-loopback') {
      const host = headers.host ?? '';
      if (!LOOPBACK_HOSTS.test(host)) return { ok: false, status: 403, error: 'without an admin token the dashboard answers only on localhost' };
      const origin = headers.origin;
      if (origin && !/^https?:\/\//.test(origin)) return { ok: false, status: 403, error: 'bad origin' };
      if (origin && new URL(origin).host !== host) return { ok: false, status: 403, error: 'cross-site request refused' };
      return { ok: true };
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return sameSecret(bearer.trim(), this.token!) ? { ok: true } : { ok: false, status: 401, error: 'wrong admin token' };
    const session = cookies(headers.cookie).get(SESSION_COOKIE);
    if (session && sameSecret(session, this.sessionValue())) return { ok: true };
    return { ok: false, status: 401, error: 'log in with the admin token' };
  }

  /** What the page tells the user about access. */
  notice(): string | undefined {
    if (this.mode === 'open-loopback') return `No admin token is set (${this.tokenEnv}): anyone on this machine can open this dashboard.`;
    if (this.mode === 'closed') return `Set ${this.tokenEnv} to use the dashboard from other machines.`;
    return undefined;
  }
}
