// Local fake of the OpenAI API (and compatible servers): /v1/chat/completions (plain, json_object,
// json_schema, SSE streaming with [DONE]), /v1/audio/speech (real speech via flite, pcm 24 kHz or wav,
// chunked), /v1/models; OpenAI error bodies; faults injected via POST /_fake/faults or `x-fake-fault`.
// By hand: node --import tsx test/fakes/openai.ts --port 8081 [--latency 100] [--key sk-test]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { cliOptions, closeServer, delay, isMain, listen, readBody, sendJson } from './http.js';
import { modelReply } from './openai-model.js';

export type OpenAIFault = (
  | { kind: '429'; retryAfter?: number }
  | { kind: '500' | '503' | 'invalid-json' | 'drop' }
  | { kind: 'slow'; ms: number }
) & {
  /** Only a request whose path or JSON body contains this text takes the fault (default: the next one). */
  when?: string;
};

export interface OpenAIFakeOptions {
  port?: number;
  /** Required bearer key; any key is accepted when absent. */
  apiKey?: string;
  /** Added before every response head (simulated network round trip). */
  latencyMs?: number;
  /** false = a server without json_schema support (answers 400 like older servers). */
  jsonSchema?: boolean;
}

export interface OpenAIFake {
  url: string;
  port: number;
  /** Every request seen: path and parsed JSON body (for asserting the wire shape). */
  requests: { path: string; body: any; authorization?: string }[];
  inject(...faults: OpenAIFault[]): void;
  close(): Promise<void>;
}

const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];
const SPEECH_KEYS = new Set(['model', 'input', 'voice', 'response_format', 'speed', 'instructions', 'stream_format']);

const error = (message: string, type: string, code: string | null = null, param: string | null = null) => ({ error: { message, type, param, code } });

export async function startOpenAIFake(options: OpenAIFakeOptions = {}): Promise<OpenAIFake> {
  const faults: OpenAIFault[] = [];
  const requests: OpenAIFake['requests'] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'openai-fake-'));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]!;
    const raw = await readBody(request);
    if (path === '/_fake/faults' && request.method === 'POST') {
      faults.push(...(JSON.parse(raw.toString() || '[]') as OpenAIFault[]));
      return sendJson(response, 200, { queued: faults.length });
    }
    if (options.latencyMs) await delay(options.latencyMs);
    let body: any;
    try {
      body = raw.length ? JSON.parse(raw.toString()) : {};
    } catch {
      return sendJson(response, 400, error('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    requests.push({ path, body, authorization: request.headers.authorization });
    const auth = request.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || (options.apiKey && auth !== `Bearer ${options.apiKey}`)) {
      const shown = auth.slice(7, 10) ? `${auth.slice(7, 10)}***` : '';
      return sendJson(response, 401, error(`Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key'));
    }
    const header = request.headers['x-fake-fault'];
    const index = faults.findIndex((f) => !f.when || path.includes(f.when) || raw.includes(f.when));
    const fault = typeof header === 'string' ? ({ kind: header, ms: 2000, retryAfter: 1 } as OpenAIFault) : index >= 0 ? faults.splice(index, 1)[0] : undefined;
    if (fault?.kind === '429') {
      return sendJson(response, 429, error('Rate limit reached for requests. Please try again in 1s.', 'requests', 'rate_limit_exceeded'), {
        'retry-after': String(fault.retryAfter ?? 1), 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${fault.retryAfter ?? 1}s`,
      });
    }
    if (fault?.kind === '500') return sendJson(response, 500, error('The server had an error while processing your request. Sorry about that!', 'server_error'));
    if (fault?.kind === '503') return sendJson(response, 503, error('The engine is currently overloaded, please try again later.', 'server_error', 'slow_down'));
    if (fault?.kind === 'drop') return void request.socket.destroy();
    if (fault?.kind === 'slow') await delay(fault.ms);

    if (path === '/v1/models' && request.method === 'GET') {
      return sendJson(response, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1700000000, owned_by: 'fake' }] });
    }
    if (path === '/v1/chat/completions' && request.method === 'POST') return chat(body, response, fault?.kind === 'invalid-json');
    if (path === '/v1/audio/speech' && request.method === 'POST') return speech(body, response, tmp);
    return sendJson(response, 404, error(`Invalid URL (${request.method} ${path})`, 'invalid_request_error'));
  }

  function chat(body: any, response: ServerResponse, broken: boolean): void {
    if (typeof body.model !== 'string' || !body.model) return sendJson(response, 400, error("you must provide a model parameter", 'invalid_request_error', null, 'model'));
    if (!Array.isArray(body.messages) || body.messages.length === 0) return sendJson(response, 400, error("'messages' is a required property", 'invalid_request_error', null, 'messages'));
    const format = body.response_format?.type ?? 'text';
    if (format === 'json_schema' && options.jsonSchema === false) {
      return sendJson(response, 400, error("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", 'invalid_request_error', null, 'response_format'));
    }
    if (format === 'json_schema' && !/^[a-zA-Z0-9_-]{1,64}$/.test(body.response_format.json_schema?.name ?? '')) {
      return sendJson(response, 400, error("Missing required parameter: 'response_format.json_schema.name'.", 'invalid_request_error', 'missing_required_parameter', 'response_format.json_schema.name'));
    }
    const reply = modelReply(body.messages, body.response_format?.json_schema?.name);
    let content = typeof reply === 'string' ? reply : JSON.stringify(reply);
    if (typeof reply !== 'string' && format === 'text') content = `Here is the JSON:\n\`\`\`json\n${content}\n\`\`\``;
    if (broken) content = content.slice(0, Math.max(1, content.length - 7)) + ' oops';
    const id = `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return sendJson(response, 200, {
        id, object: 'chat.completion', created, model: body.model, system_fingerprint: 'fp_fake',
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 50, completion_tokens: Math.ceil(content.length / 4), total_tokens: 50 + Math.ceil(content.length / 4) },
      });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: object, finish: string | null) => ({
      id, object: 'chat.completion.chunk', created, model: body.model, system_fingerprint: 'fp_fake',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null,
    });
    const events = [chunk({ role: 'assistant', content: '', refusal: null }, null), ...(content.match(/\S+\s*/g) ?? []).map((word) => chunk({ content: word }, null)), chunk({}, 'stop')];
    if (body.stream_options?.include_usage) events.push({ ...chunk({}, null), choices: [], usage: { prompt_tokens: 50, completion_tokens: events.length, total_tokens: 50 + events.length } } as any);
    void (async () => {
      for (const event of events) {
        if (response.destroyed) return;
        response.write(`data: ${JSON.stringify(event)}\n\n`);
        await delay(5);
      }
      response.end('data: [DONE]\n\n');
    })();
  }

  function speech(body: any, response: ServerResponse, dir: string): void {
    const unknown = Object.keys(body).find((key) => !SPEECH_KEYS.has(key));
    if (unknown) return sendJson(response, 400, error(`Unrecognized request argument supplied: ${unknown}`, 'invalid_request_error', null, unknown));
    for (const key of ['model', 'input', 'voice']) {
      if (body[key] === undefined || body[key] === '') return sendJson(response, 400, error(`Missing required parameter: '${key}'.`, 'invalid_request_error', 'missing_required_parameter', key));
    }
    if (typeof body.input !== 'string' || body.input.length > 4096) return sendJson(response, 400, error("'input' must be a string of at most 4096 characters", 'invalid_request_error', null, 'input'));
    if (typeof body.voice === 'string' && !VOICES.includes(body.voice)) return sendJson(response, 400, error(`Invalid value for 'voice': ${body.voice}`, 'invalid_request_error', null, 'voice'));
    const format = body.response_format ?? 'mp3';
    if (format !== 'pcm' && format !== 'wav') return sendJson(response, 400, error(`The local fake produces only pcm and wav, not ${format}`, 'invalid_request_error', 'unsupported_format', 'response_format'));
    const wav = join(dir, `${randomUUID()}.wav`);
    const flite = spawn('flite', ['-voice', 'slt', '-t', body.input, '-o', wav], { stdio: 'ignore' });
    flite.on('error', () => sendJson(response, 500, error('speech engine unavailable', 'server_error')));
    flite.on('exit', (code) => {
      if (code !== 0) return sendJson(response, 500, error('speech engine failed', 'server_error'));
      const speed = typeof body.speed === 'number' ? ['tempo', String(body.speed)] : [];
      const out = format === 'pcm' ? ['-t', 'raw', '-r', '24000', '-e', 'signed', '-b', '16', '-c', '1', '-'] : ['-t', 'wav', '-r', '24000', '-e', 'signed', '-b', '16', '-c', '1', '-'];
      const sox = spawn('sox', [wav, ...out, ...speed], { stdio: ['ignore', 'pipe', 'ignore'] });
      response.writeHead(200, { 'content-type': format === 'pcm' ? 'application/octet-stream' : 'audio/wav', 'transfer-encoding': 'chunked' });
      sox.stdout.pipe(response);
      sox.on('exit', () => rmSync(wav, { force: true }));
      response.on('close', () => sox.kill());
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, error('fake failure', 'server_error'));
      else response.destroy();
    });
  });
  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    inject: (...more) => faults.push(...more),
    close: async () => {
      await closeServer(server);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

if (isMain(import.meta.url)) {
  const { port, latencyMs, key } = cliOptions();
  const fake = await startOpenAIFake({ port, latencyMs, apiKey: key });
  console.log(`OpenAI fake on ${fake.url} (GPT_SERVER_URL=${fake.url})`);
}
