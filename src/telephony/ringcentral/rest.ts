// Authenticated RingCentral REST calls: Bearer token from RingCentralAuth, 401 → one re-auth and
// retry, 429/503 → wait as the rate-limit headers say (bounded), 5xx → short exponential backoff.
import { RingCentralAuth } from './auth.js';
import { RingCentralError, errorFromResponse, rateLimitWaitMs } from './errors.js';
import { providerErrors } from '../../metrics.js';

export interface RestOptions {
  /** Longest single rate-limit wait before giving up (a caller is on the line). */
  maxRateLimitWaitMs?: number;
  timeoutMs?: number;
}

export class RingCentralRest {
  constructor(
    private readonly server: string,
    readonly auth: RingCentralAuth,
    private readonly options: RestOptions = {},
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let reauthenticated = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.auth.accessToken();
      let response: Response;
      try {
        response = await fetch(`${this.server}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        providerErrors.inc({ provider: 'ringcentral', kind: 'network' });
        throw new RingCentralError(`cannot reach ${this.server}: ${(error as Error).message}`, 0);
      }
      if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
      if (response.status === 401 && !reauthenticated) {
        reauthenticated = true;
        providerErrors.inc({ provider: 'ringcentral', kind: 'reauth' });
        this.auth.invalidate();
        await response.body?.cancel();
        continue;
      }
      if ((response.status === 429 || response.status === 503) && attempt < 3) {
        const wait = rateLimitWaitMs(response, attempt, this.options.maxRateLimitWaitMs ?? 65_000);
        providerErrors.inc({ provider: 'ringcentral', kind: 'rate-limit' });
        if (wait !== undefined) {
          await response.body?.cancel();
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
      }
      if (response.status >= 500 && response.status !== 503 && attempt < 2) {
        providerErrors.inc({ provider: 'ringcentral', kind: 'server' });
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        continue;
      }
      throw await errorFromResponse(response);
    }
  }
}
