// RingCentral error bodies and rate-limit headers: {errorCode, message, errors[]} or the OAuth
// {error, error_description}; Retry-After, else X-Rate-Limit-Window, decides how long a 429 waits.

export class RingCentralError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'RingCentralError';
  }
}

export async function errorFromResponse(response: Response): Promise<RingCentralError> {
  let message = `HTTP ${response.status}`;
  let code: string | undefined;
  try {
    const body = (await response.json()) as {
      message?: string; errorCode?: string; error?: string; error_description?: string; description?: string;
      errors?: { errorCode?: string; message?: string }[];
    };
    message = body.message ?? body.error_description ?? body.description ?? body.errors?.[0]?.message ?? message;
    code = body.errorCode ?? body.errors?.[0]?.errorCode ?? body.error;
  } catch {
    // not JSON: the status line says enough
  }
  return new RingCentralError(`RingCentral ${response.status}${code ? ` ${code}` : ''}: ${message}`, response.status, code);
}

/**
 * How long to wait before retrying a 429/503: Retry-After seconds, else the rate-limit window
 * doubled per attempt (as @rc-ex/rate-limit does), else 30 s (notes §1.2). Undefined = do not retry.
 */
export function rateLimitWaitMs(response: Response, attempt: number, maxWaitMs = 120_000): number | undefined {
  const retryAfter = Number(response.headers.get('retry-after'));
  const window = Number(response.headers.get('x-rate-limit-window'));
  let wait: number;
  if (response.headers.get('retry-after') && Number.isFinite(retryAfter)) wait = retryAfter * 1000;
  else if (response.headers.get('x-rate-limit-window') && Number.isFinite(window)) wait = window * 1000 * 2 ** attempt;
  else wait = 30_000;
  return wait <= maxWaitMs ? wait : undefined;
}
