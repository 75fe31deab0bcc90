// RingCentral OAuth for a server app: JWT bearer grant (Basic client auth), access token kept in
// memory and renewed ahead of expiry (refresh token when issued, else the JWT again), one shared
// request for concurrent callers, revoke on shutdown. Secrets never leave this object.
import { RingCentralError, errorFromResponse, rateLimitWaitMs } from './errors.js';

export interface RingCentralCredentials {
  server: string;
  clientId: string;
  clientSecret: string;
  jwt: string;
}

interface TokenInfo {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

export class RingCentralAuth {
  private token?: { access: string; expiresAt: number; refresh?: string; refreshExpiresAt: number };
  private pending?: Promise<string>;
  /** Number of token requests sent (for doctor and tests). */
  grants = 0;

  constructor(
    private readonly credentials: RingCentralCredentials,
    private readonly refreshMarginMs = 120_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid access token, renewed when within the refresh margin of expiry. */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - this.refreshMarginMs) return this.token.access;
    this.pending ??= this.renew().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The server said 401: forget the token so the next call authenticates again. */
  invalidate(): void {
    this.token = undefined;
  }

  async revoke(): Promise<void> {
    const token = this.token;
    this.token = undefined;
    if (!token) return;
    // Errors from revoke are ignored (notes §1.1): the token dies at expiry anyway.
    await this.post({ token: token.access }, '/restapi/oauth/revoke').catch(() => undefined);
  }

  private async renew(): Promise<string> {
    const current = this.token;
    if (current?.refresh && this.now() < current.refreshExpiresAt) {
      try {
        return await this.grant({ grant_type: 'refresh_token', refresh_token: current.refresh });
      } catch (error) {
        if (!(error instanceof RingCentralError) || error.status >= 500 || error.status === 0) throw error;
        // refresh refused (revoked, reused): the JWT grant below starts over
      }
    }
    return this.grant({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.credentials.jwt });
  }

  private async grant(form: Record<string, string>): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.post(form, '/restapi/oauth/token');
      if (response.ok) {
        const info = (await response.json()) as TokenInfo;
        const issued = this.now();
        this.token = {
          access: info.access_token,
          expiresAt: issued + info.expires_in * 1000,
          refresh: info.refresh_token,
          refreshExpiresAt: issued + (info.refresh_token_expires_in ?? 0) * 1000,
        };
        return info.access_token;
      }
      const error = await errorFromResponse(response);
      const wait = rateLimitWaitMs(response, attempt);
      if ((response.status === 429 || response.status === 503) && wait !== undefined && attempt < 2) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      throw error;
    }
  }

  private async post(form: Record<string, string>, path: string): Promise<Response> {
    this.grants += path.endsWith('/token') ? 1 : 0;
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64');
    try {
      return await fetch(`${this.credentials.server}${path}`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new RingCentralError(`cannot reach ${this.credentials.server}: ${(error as Error).message}`, 0);
    }
  }
}
