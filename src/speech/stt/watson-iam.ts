// IBM Cloud IAM tokens for Watson: API key → bearer token (POST /identity/token), kept in memory and
// renewed at 80 % of its lifetime like IBM's SDK; concurrent callers share one request.

export class IamError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'IamError';
  }
}

export class IamTokenManager {
  private token?: { value: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly iamUrl: string,
    private readonly apiKey: string,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forget the token (e.g. the service said 401), so the next call fetches a fresh one. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: this.apiKey, response_type: 'cloud_iam' });
    let response: Response;
    try {
      response = await fetch(`${this.iamUrl.replace(/\/+$/, '')}/identity/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new IamError(`cannot reach IAM at ${this.iamUrl}: ${(error as Error).message}`, 0);
    }
    const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; expiration?: number; errorMessage?: string };
    if (!response.ok || !json.access_token) {
      throw new IamError(`IAM refused the API key: ${json.errorMessage ?? `HTTP ${response.status}`}`, response.status);
    }
    const issued = this.now();
    const lifetimeMs = json.expiration ? json.expiration * 1000 - issued : (json.expires_in ?? 3600) * 1000;
    this.token = { value: json.access_token, renewAt: issued + Math.max(0, lifetimeMs) * 0.8 };
    return json.access_token;
  }
}
