// HTTP client for OpenAI and OpenAI-compatible servers (Ollama, llama.cpp, vLLM): bearer auth, error
// bodies in all three dialects, 429/5xx retries that honour Retry-After within the caller's deadline.
// Shared by the OpenAI brain and the OpenAI TTS; the key stays in this object, never in logs.

export class OpenAIError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'OpenAIError';
  }
  /** 'timeout' | 'rate-limit' | 'server' | 'client' | 'network' — the metrics label. */
  get kind(): string {
    if (this.status === 0) return this.code === 'timeout' ? 'timeout' : 'network';
    if (this.status === 429) return 'rate-limit';
    return this.status >= 500 ? 'server' : 'client';
  }
}

export interface RequestOptions {
  /** performance.now() ms by which the answer (or, with `stream`, its head) must have arrived. */
  deadline: number;
  signal?: AbortSignal;
  stream?: boolean;
}

export interface OpenAIApiOptions {
  baseUrl: string;
  apiKey?: string;
  /** Retries for 408/409/429/5xx before giving up (openai-node's default is 2). */
  maxRetries?: number;
}

export class OpenAIApi {
  constructor(private readonly options: OpenAIApiOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /**
   * POSTs JSON and returns the (unread) 2xx response. `deadline` (performance.now() ms) bounds the
   * exchange including retries; `signal` aborts it. With `stream`, the deadline covers only the
   * response head: audio and SSE bodies are read at the consumer's pace (playback is real time).
   */
  async post(path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const maxRetries = this.options.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(path, body, options);
      if (response.ok) return response;
      const error = await errorFromResponse(response);
      const retryable = [408, 409, 429].includes(response.status) || response.status >= 500;
      const quota = error.code === 'insufficient_quota';
      const waitMs = error.retryAfterMs ?? Math.min(8000, 500 * 2 ** attempt);
      if (!retryable || quota || attempt >= maxRetries || performance.now() + waitMs >= options.deadline) throw error;
      await sleep(waitMs, options.signal);
    }
  }

  private async send(path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const remaining = Math.max(1, Math.ceil(options.deadline - performance.now()));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('deadline', 'TimeoutError')), remaining);
    timer.unref();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream, application/octet-stream' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    try {
      const response = await fetch(`${this.options.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
      if (options.stream) clearTimeout(timer);
      return response;
    } catch (error) {
      clearTimeout(timer);
      throw asNetworkError(error, options.signal);
    }
  }
}

export function asNetworkError(error: unknown, signal?: AbortSignal): OpenAIError {
  if (error instanceof OpenAIError) return error;
  const name = (error as Error)?.name;
  if (signal?.aborted) return new OpenAIError('request aborted', 0, 'aborted');
  if (name === 'TimeoutError' || name === 'AbortError' || (error as { cause?: { name?: string } })?.cause?.name === 'TimeoutError') return new OpenAIError('request timed out', 0, 'timeout');
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return new OpenAIError(`cannot reach the server${cause ? ` (${cause})` : ''}`, 0, 'network');
}

/** Reads OpenAI's {error:{message,type,param,code}}, llama.cpp's int code, or vLLM's shape. */
export async function errorFromResponse(response: Response): Promise<OpenAIError> {
  let message = `HTTP ${response.status}`;
  let code: string | undefined;
  try {
    const body = (await response.json()) as { error?: { message?: string; code?: unknown; type?: string } | string; message?: string };
    if (typeof body.error === 'string') message = body.error;
    else if (body.error) {
      message = body.error.message ?? message;
      code = typeof body.error.code === 'string' ? body.error.code : body.error.type;
    } else if (body.message) message = body.message;
  } catch {
    // non-JSON error body: keep the status line
  }
  return new OpenAIError(message, response.status, code, retryAfterMs(response.headers));
}

/** retry-after-ms, else Retry-After in seconds or as an HTTP date; ignored beyond 60 s (openai-node's rule). */
export function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(wait) && wait >= 0 && wait <= 60_000 ? wait : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new OpenAIError('request aborted', 0, 'aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new OpenAIError('request aborted', 0, 'aborted'));
    }, { once: true });
  });
}

/** Parses a text/event-stream body into the JSON of each `data:` event until `[DONE]`. */
export async function* serverSentJson(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (!data) continue;
      if (data === '[DONE]') return;
      const parsed = JSON.parse(data) as { error?: { message?: string } };
      if (parsed && typeof parsed === 'object' && parsed.error) throw new OpenAIError(parsed.error.message ?? 'stream error', 500, 'stream_error');
      yield parsed;
    }
  }
}
