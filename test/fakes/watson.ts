// Local fake of IBM Watson STT + IAM: POST /identity/token (API key → JWT-shaped token with exp/iat),
// WebSocket /instances/{id}/v1/recognize (Bearer header or access_token query) speaking Watson's
// messages; transcripts come from the embedded recognizer run on the audio received, phrase ends from
// end_of_phrase_silence_time. Faults via POST /_fake/faults: drop, error, expire-tokens.
// By hand: node --import tsx test/fakes/watson.ts --port 8082 [--key KEY]   (instance id: "fake")
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { cliOptions, closeServer, delay, isMain, listen, readBody, sendJson } from './http.js';
import { embeddedRecognizer } from './recognizer.js';
import { mulawDecode } from '../../src/media/codecs/g711.js';
import type { RecognitionContext, STT } from '../../src/speech/types.js';

export type WatsonFault = { kind: 'drop'; afterFrames: number } | { kind: 'error'; afterFrames: number; message?: string } | { kind: 'expire-tokens' };

export interface WatsonFakeOptions {
  port?: number;
  apiKey?: string;
  instanceId?: string;
  tokenTtlSeconds?: number;
  latencyMs?: number;
  recognizer?: STT;
  /** The recognizer's context (Watson's protocol carries none); POST /_fake/context changes it. */
  context?: RecognitionContext;
}
export interface WatsonFake {
  url: string;
  iamUrl: string;
  port: number;
  tokensIssued: number;
  /** Per WebSocket: how it authenticated, the start message, audio frame sizes, messages sent. */
  sessions: { auth: 'header' | 'query'; model: string | null; start?: any; frameSizes: number[]; sent: any[] }[];
  inject(fault: WatsonFault): void;
  setContext(context: RecognitionContext): void;
  close(): Promise<void>;
}

const SPEECH_RMS = 400;

export async function startWatsonFake(options: WatsonFakeOptions = {}): Promise<WatsonFake> {
  const apiKey = options.apiKey ?? 'watson-test-key';
  const instanceId = options.instanceId ?? 'fake';
  const ownRecognizer = options.recognizer ? undefined : await embeddedRecognizer();
  const recognizer = options.recognizer ?? ownRecognizer!;
  const tokens = new Map<string, number>(); // token → expiry (ms)
  const faults: WatsonFault[] = [];
  const sockets = new Set<WebSocket>();
  const state = { tokensIssued: 0, sessions: [] as WatsonFake['sessions'], context: options.context ?? ({ kind: 'free' } as RecognitionContext) };

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (options.latencyMs) await delay(options.latencyMs);
    const path = (request.url ?? '').split('?')[0];
    if (path === '/_fake/faults' && request.method === 'POST') {
      const fault = JSON.parse(body.toString()) as WatsonFault;
      if (fault.kind === 'expire-tokens') tokens.clear();
      else faults.push(fault);
      return sendJson(response, 200, {});
    }
    if (path === '/_fake/context' && request.method === 'POST') {
      state.context = JSON.parse(body.toString()) as RecognitionContext;
      return sendJson(response, 200, {});
    }
    if (path !== '/identity/token' || request.method !== 'POST') return sendJson(response, 404, { code: 404, error: 'Not Found' });
    const form = new URLSearchParams(body.toString());
    if (form.get('grant_type') !== 'urn:ibm:params:oauth:grant-type:apikey') {
      return sendJson(response, 400, { errorCode: 'BXNIM0109E', errorMessage: 'Property missing or empty.', context: { requestId: randomUUID() } });
    }
    if (form.get('apikey') !== apiKey) {
      return sendJson(response, 400, { errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.', context: { requestId: randomUUID() } });
    }
    const ttl = options.tokenTtlSeconds ?? 3600;
    const iat = Math.floor(Date.now() / 1000);
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${b64({ kid: 'fake', alg: 'RS256' })}.${b64({ iam_id: 'iam-fake', sub: 'fake', iat, exp: iat + ttl, jti: randomUUID() })}.${randomUUID().replace(/-/g, '')}`;
    tokens.set(token, Date.now() + ttl * 1000);
    state.tokensIssued++;
    sendJson(response, 200, { access_token: token, refresh_token: 'not_supported', ims_user_id: 1, token_type: 'Bearer', expires_in: ttl, expiration: iat + ttl, scope: 'ibm openid' });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', async (request: IncomingMessage, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const reject = (status: number, text: string) => {
      const body = JSON.stringify({ code: status, error: text });
      socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    };
    if (options.latencyMs) await delay(options.latencyMs);
    if (url.pathname !== `/instances/${instanceId}/v1/recognize`) return reject(404, 'Not Found');
    const header = request.headers.authorization?.replace(/^Bearer /, '');
    const token = header ?? url.searchParams.get('access_token') ?? '';
    if ((tokens.get(token) ?? 0) < Date.now()) return reject(401, 'Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      const record: WatsonFake['sessions'][number] = { auth: header ? 'header' : 'query', model: url.searchParams.get('model'), frameSizes: [], sent: [] };
      state.sessions.push(record);
      serveRecognize(ws, record, recognizer, state.context, faults.shift(), options.latencyMs ?? 0);
    });
  });

  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    iamUrl: `http://127.0.0.1:${port}`,
    port,
    get tokensIssued() {
      return state.tokensIssued;
    },
    sessions: state.sessions,
    inject: (fault) => (fault.kind === 'expire-tokens' ? tokens.clear() : faults.push(fault)),
    setContext: (context) => (state.context = context),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await closeServer(server);
      await ownRecognizer?.close();
    },
  };
}

/** One recognize connection: start → listening, audio → phrases → results, stop → listening. */
function serveRecognize(ws: WebSocket, record: WatsonFake['sessions'][number], recognizer: STT, context: RecognitionContext, fault: WatsonFault | undefined, latencyMs: number): void {
  let started = false;
  let silenceFrames = 0;
  let endFrames = 40;
  let phrase: ReturnType<STT['open']> | undefined;
  let resultIndex = 0;
  let pending: Promise<void> = Promise.resolve();
  const send = (message: object) => {
    record.sent.push(message);
    const text = JSON.stringify(message);
    void delay(latencyMs / 2).then(() => ws.readyState === ws.OPEN && ws.send(text));
  };

  const finishPhrase = () => {
    const session = phrase;
    phrase = undefined;
    if (!session) return;
    pending = pending.then(() => new Promise<void>((resolve) => {
      session.once('final', (heard) => {
        // Watson writes fillers as %HESITATION.
        const text = heard.text.replace(/\b(uh|um|hmm|er|ah)\b/g, '%HESITATION');
        const result = { ...heard, text: record.start?.smart_formatting ? smartFormat(text) : text };
        // Watson sends interims before the final; the last one often equals it.
        if (result.text) send({ result_index: resultIndex, results: [{ final: false, alternatives: [{ transcript: `${result.text} ` }] }] });
        send({ result_index: resultIndex++, results: [{ final: true, alternatives: [{ transcript: `${result.text} `, confidence: Number(result.confidence.toFixed(2)) }] }] });
        resolve();
      });
      session.once('error', () => resolve());
      session.end();
    }));
  };

  // Half the simulated round trip each way: messages are handled latency/2 after they arrive.
  ws.on('message', (data, isBinary) => {
    if (latencyMs > 0) setTimeout(() => handle(data as Buffer, isBinary), latencyMs / 2);
    else handle(data as Buffer, isBinary);
  });
  function handle(data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      let message: any;
      try {
        message = JSON.parse(data.toString());
      } catch {
        send({ error: 'Could not parse the JSON text message.' });
        return ws.close(1002);
      }
      if (message.action === 'start') {
        if (!/^audio\/(mulaw|basic|alaw|l16)/.test(message['content-type'] ?? '') || (/mulaw|l16|alaw/.test(message['content-type']) && !/rate=\d+/.test(message['content-type']))) {
          send({ error: `unable to transcode data stream ${message['content-type'] ?? ''} -> audio/x-float-array ` });
          return ws.close(1011);
        }
        record.start = message;
        started = true;
        const eps = Number(message.end_of_phrase_silence_time ?? 0.8) || 0.8;
        endFrames = Math.max(1, Math.round((eps * 1000) / 20));
        return send({ state: 'listening' });
      }
      if (message.action === 'stop') {
        finishPhrase();
        void pending.then(() => send({ state: 'listening' }));
        return;
      }
      send({ warnings: [`Unknown arguments: ${Object.keys(message).join(', ')}.`] });
      return;
    }
    const bytes = data as Buffer;
    if (!started) return; // Watson buffers audio sent before start; this fake starts on start
    if (bytes.length === 0) {
      finishPhrase();
      void pending.then(() => send({ state: 'listening' }));
      return;
    }
    record.frameSizes.push(bytes.length);
    if (fault && 'afterFrames' in fault && record.frameSizes.length >= fault.afterFrames) {
      if (fault.kind === 'drop') return void ws.terminate();
      send({ error: fault.message ?? 'Session timed out.' });
      return void setTimeout(() => ws.close(1011), latencyMs);
    }
    const samples = mulawDecode(new Uint8Array(bytes));
    const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / Math.max(1, samples.length));
    if (rms >= SPEECH_RMS) {
      silenceFrames = 0;
      phrase ??= recognizer.open(context);
    } else if (phrase) silenceFrames++;
    if (phrase) {
      phrase.write({ samples, sampleRate: 8000 });
      if (silenceFrames >= endFrames) finishPhrase();
    }
  }
}

const DIGITS: Record<string, string> = { zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };

/** Watson's smart_formatting writes spoken digit runs as numerals ("four seven one two" → "4712"). */
export function smartFormat(text: string): string {
  return text.replace(/\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b\s*){2,}/g, (run) =>
    `${run.trim().split(/\s+/).map((word) => DIGITS[word]).join('')} `).trim();
}

if (isMain(import.meta.url)) {
  const { port, latencyMs, key } = cliOptions();
  const fake = await startWatsonFake({ port, latencyMs, apiKey: key });
  console.log(`Watson fake on ${fake.url}: WATSON_STT_URL=${fake.url} STT_INSTANCE_ID=fake, IAM url ${fake.iamUrl}`);
}
