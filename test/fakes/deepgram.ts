// Local fake of Deepgram live streaming: WebSocket /v1/listen (Authorization: Token KEY, else 401 with
// dg-error), µ-law/linear16 audio, Results (interim, is_final, speech_final by `endpointing` ms of
// silence, from_finalize after Finalize), UtteranceEnd, Metadata + close on CloseStream, close 1011
// NET-0001 after 10 s without audio. Transcripts from the embedded recognizer. Faults via inject().
// By hand: node --import tsx test/fakes/deepgram.ts --port 8084 [--key KEY]
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { cliOptions, closeServer, isMain, listen } from './http.js';
import { embeddedRecognizer } from './recognizer.js';
import { smartFormat } from './watson.js';
import { mulawDecode } from '../../src/media/codecs/g711.js';
import type { RecognitionContext, STT, SttSession } from '../../src/speech/types.js';

export type DeepgramFault = { kind: 'drop' | 'bad-audio'; afterFrames: number };
export interface DeepgramFake {
  url: string;
  /** Per connection: the query, the text messages received, audio frame sizes. */
  streams: { query: Record<string, string>; received: string[]; frameSizes: number[] }[];
  setContext(context: RecognitionContext): void;
  inject(fault: DeepgramFault): void;
  close(): Promise<void>;
}

const SPEECH_RMS = 400;

export async function startDeepgramFake(options: { port?: number; apiKey?: string; recognizer?: STT; noAudioTimeoutMs?: number } = {}): Promise<DeepgramFake> {
  const apiKey = options.apiKey ?? 'dg-test-key';
  const own = options.recognizer ? undefined : await embeddedRecognizer();
  const recognizer = options.recognizer ?? own!;
  const state = { context: { kind: 'free' } as RecognitionContext, faults: [] as DeepgramFault[], streams: [] as DeepgramFake['streams'] };
  const sockets = new Set<WebSocket>();
  const server = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ err_code: 'NOT_FOUND', err_msg: 'Not found' }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const refuse = (status: number, message: string) => {
      const body = JSON.stringify({ err_code: status === 401 ? 'INVALID_AUTH' : 'Bad Request', err_msg: message, request_id: randomUUID() });
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\ndg-request-id: ${randomUUID()}\r\ndg-error: ${message}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    };
    if (url.pathname !== '/v1/listen') return refuse(400, 'Unknown path');
    if (request.headers.authorization !== `Token ${apiKey}`) return refuse(401, 'Invalid credentials.');
    if (!['mulaw', 'linear16'].includes(url.searchParams.get('encoding') ?? '') || !url.searchParams.get('sample_rate')) return refuse(400, 'Raw audio needs encoding and sample_rate.');
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      const record = { query: Object.fromEntries(url.searchParams), received: [] as string[], frameSizes: [] as number[] };
      state.streams.push(record);
      serveListen(ws, record, recognizer, state.context, state.faults.shift(), options.noAudioTimeoutMs ?? 10_000);
    });
  });
  const port = await listen(server, options.port ?? 0);
  return {
    url: `ws://127.0.0.1:${port}`,
    streams: state.streams,
    setContext: (context) => (state.context = context),
    inject: (fault) => state.faults.push(fault),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await closeServer(server);
      await own?.close();
    },
  };
}

function serveListen(ws: WebSocket, record: DeepgramFake['streams'][number], recognizer: STT, context: RecognitionContext, fault: DeepgramFault | undefined, noAudioMs: number): void {
  const requestId = randomUUID();
  const endpointingMs = Number(record.query.endpointing ?? 10) || 10;
  const linear = record.query.encoding === 'linear16';
  let phrase: SttSession | undefined;
  let silentMs = 0;
  let audioSeconds = 0;
  let pending = Promise.resolve();
  let idle = setTimeout(() => ws.close(1011, 'NET-0001'), noAudioMs);
  const send = (message: object) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
  const results = (transcript: string, flags: { is_final: boolean; speech_final: boolean; from_finalize?: boolean }) => send({
    type: 'Results', channel_index: [0, 1], duration: 0, start: 0, ...flags, from_finalize: flags.from_finalize ?? false,
    channel: { alternatives: [{ transcript, confidence: transcript ? 0.9 : 0, words: [] }] },
    metadata: { request_id: requestId, model_info: { name: record.query.model ?? 'nova-3', version: 'fake', arch: 'fake' }, model_uuid: randomUUID() },
  });
  const flush = (fromFinalize: boolean): Promise<void> => {
    const session = phrase;
    phrase = undefined;
    pending = pending.then(() => new Promise<void>((resolve) => {
      if (!session) {
        if (fromFinalize) results('', { is_final: true, speech_final: false, from_finalize: true });
        return resolve();
      }
      session.once('final', (heard) => {
        const text = record.query.smart_format === 'true' ? smartFormat(heard.text) : heard.text;
        if (record.query.interim_results === 'true' && text) results(text, { is_final: false, speech_final: false });
        results(text, { is_final: true, speech_final: !fromFinalize, from_finalize: fromFinalize });
        if (record.query.utterance_end_ms) send({ type: 'UtteranceEnd', channel: [0, 1], last_word_end: audioSeconds });
        resolve();
      });
      session.once('error', () => resolve());
      session.end();
    }));
    return pending;
  };
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      const text = data.toString();
      record.received.push(text);
      let message: { type?: string };
      try {
        message = JSON.parse(text);
      } catch {
        return ws.close(1002, 'DATA-0000');
      }
      if (message.type === 'Finalize') void flush(true);
      else if (message.type === 'CloseStream') {
        void flush(false).then(() => {
          send({ type: 'Metadata', transaction_key: 'deprecated', request_id: requestId, sha256: '', created: new Date().toISOString(), duration: audioSeconds, channels: 1 });
          ws.close(1000);
        });
      } else if (message.type === 'KeepAlive') {
        clearTimeout(idle);
        idle = setTimeout(() => ws.close(1011, 'NET-0001'), noAudioMs);
      }
      return;
    }
    const bytes = data as Buffer;
    if (bytes.length === 0) return void flush(false).then(() => ws.close(1000));
    record.frameSizes.push(bytes.length);
    if (fault && record.frameSizes.length >= fault.afterFrames) return fault.kind === 'drop' ? void ws.terminate() : ws.close(1002, 'DATA-0000');
    clearTimeout(idle);
    idle = setTimeout(() => ws.close(1011, 'NET-0001'), noAudioMs);
    const samples = linear ? new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length - (bytes.length % 2))) : mulawDecode(new Uint8Array(bytes));
    audioSeconds += samples.length / 8000;
    const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / Math.max(1, samples.length));
    if (rms >= SPEECH_RMS) {
      silentMs = 0;
      phrase ??= recognizer.open(context);
    } else if (phrase) silentMs += (samples.length / 8000) * 1000;
    if (phrase) {
      phrase.write({ samples, sampleRate: 8000 });
      if (silentMs >= endpointingMs) void flush(false);
    }
  });
  ws.on('close', () => clearTimeout(idle));
}

if (isMain(import.meta.url)) {
  const { port, key } = cliOptions();
  const fake = await startDeepgramFake({ port, apiKey: key });
  console.log(`Deepgram fake on ${fake.url} (DEEPGRAM_URL=${fake.url})`);
}
