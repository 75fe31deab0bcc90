// Deepgram live streaming STT (`stt: deepgram`): one WebSocket /v1/listen per turn, µ-law 8 kHz per
// 20 ms frame, interim results → partial, endpointing (ms per context) or end() → Finalize → one final.
// Deepgram reports errors as close frames (code + reason); a drop errors the session (turn re-asked).
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { RecognitionContext, RecognitionResult, STT, SttSession, SttSessionEvents } from '../types.js';
import type { PcmChunk } from '../../media/pcm.js';
import { mulawEncode } from '../../media/codecs/g711.js';
import { deepgramUrl, secret, secretSource, type DeepgramConfig } from '../../config/cloud.js';
import { providerErrors, sttLatency } from '../../metrics.js';
import { logger as makeLogger, type Logger } from '../../log.js';

interface DeepgramResults {
  type: 'Results';
  is_final?: boolean;
  speech_final?: boolean;
  from_finalize?: boolean;
  channel?: { alternatives?: { transcript: string; confidence?: number }[] };
}

export class DeepgramSTT implements STT {
  readonly name = 'deepgram';
  private readonly apiKey: string;
  private readonly sessions = new Set<DeepgramSession>();
  readonly log: Logger;

  constructor(readonly config: DeepgramConfig, private readonly env: Record<string, string | undefined> = process.env, logger?: Logger) {
    const key = secret(config.apiKey, env);
    if (!key) throw new Error(`Deepgram STT needs an API key in ${secretSource(config.apiKey)}`);
    this.apiKey = key;
    this.log = logger ?? makeLogger('stt-deepgram');
  }

  listenUrl(context: RecognitionContext): string {
    const endpointing = this.config.endpointingMs[context.kind];
    const query = new URLSearchParams({
      model: this.config.model, language: this.config.language, encoding: 'mulaw', sample_rate: '8000', channels: '1',
      interim_results: 'true', endpointing: String(endpointing), utterance_end_ms: '1000', smart_format: 'true', punctuate: 'true',
    });
    return `${deepgramUrl(this.config, this.env)}/v1/listen?${query}`;
  }

  open(context: RecognitionContext): SttSession {
    const socket = new WebSocket(this.listenUrl(context), { headers: { Authorization: `Token ${this.apiKey}` }, handshakeTimeout: 10_000 });
    const session: DeepgramSession = new DeepgramSession(socket, this.log, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.close();
  }
}

class DeepgramSession extends EventEmitter<SttSessionEvents> implements SttSession {
  private pending: Buffer[] = [];
  private finals: { transcript: string; confidence: number }[] = [];
  private lastInterim = '';
  private ended = false;
  private done = false;
  private endedAt = 0;

  constructor(private readonly socket: WebSocket, private readonly log: Logger, private readonly onClosed: () => void) {
    super();
    socket.on('open', () => {
      for (const frame of this.pending) socket.send(frame);
      this.pending = [];
      if (this.ended) socket.send(JSON.stringify({ type: 'Finalize' }));
    });
    socket.on('unexpected-response', (_request, response) => {
      const reason = response.headers['dg-error'] ?? '';
      this.fail(response.statusCode === 401 ? 'auth' : 'connect', new Error(`Deepgram refused the connection: HTTP ${response.statusCode} ${reason}`.trim()));
      socket.terminate();
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(data.toString());
    });
    socket.on('error', (error) => this.fail('connect', error));
    socket.on('close', (code, reason) => {
      if (!this.done) this.fail('dropped', new Error(`Deepgram closed the stream before the final result (${code}${reason.length ? ` ${reason.toString()}` : ''})`));
    });
  }

  write(frame: PcmChunk): void {
    if (this.done || this.ended || frame.samples.length === 0) return; // an empty frame would close the stream
    const bytes = Buffer.from(mulawEncode(frame.samples));
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(bytes);
    else this.pending.push(bytes);
  }

  end(): void {
    if (this.done || this.ended) return;
    this.ended = true;
    this.endedAt = performance.now();
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'Finalize' }));
  }

  close(): void {
    if (!this.done) this.finish();
  }

  private onMessage(text: string): void {
    let message: DeepgramResults | { type: string };
    try {
      message = JSON.parse(text) as DeepgramResults;
    } catch {
      return this.fail('protocol', new Error('Deepgram sent a non-JSON text frame'));
    }
    if (message.type === 'UtteranceEnd' && this.finals.length) return this.emitFinal();
    if (message.type !== 'Results') return;
    const results = message as DeepgramResults;
    const best = results.channel?.alternatives?.[0];
    if (!results.is_final) {
      this.lastInterim = [...this.finals.map((f) => f.transcript), best?.transcript ?? ''].join(' ').trim();
      if (best?.transcript) this.emit('partial', { text: this.lastInterim, confidence: best.confidence ?? 0.5 });
      return;
    }
    if (best?.transcript) this.finals.push({ transcript: best.transcript, confidence: best.confidence ?? 0.5 });
    if (results.speech_final || results.from_finalize) this.emitFinal();
  }

  private emitFinal(): void {
    if (this.done) return;
    const text = this.finals.map((f) => f.transcript).join(' ').trim();
    const result: RecognitionResult = this.finals.length
      ? { text, confidence: this.finals.reduce((sum, f) => sum + f.confidence, 0) / this.finals.length }
      : { text: this.lastInterim, confidence: this.lastInterim ? 0.3 : 0 };
    if (this.endedAt) sttLatency.observe({ provider: 'deepgram' }, (performance.now() - this.endedAt) / 1000);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'CloseStream' }));
    this.finish();
    this.emit('final', result);
  }

  private fail(kind: string, error: Error): void {
    if (this.done) return;
    providerErrors.inc({ provider: 'deepgram', kind });
    this.log.warn({ kind, message: error.message }, 'Deepgram session failed');
    this.finish();
    this.emit('error', error);
  }

  private finish(): void {
    this.done = true;
    this.pending = [];
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    else if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    this.onClosed();
  }
}

/** The speech-stack factory entry (src/speech/index.ts). */
export async function createDeepgramStt(options: { config: { cloud: { deepgram: DeepgramConfig } }; logger?: Logger }): Promise<STT> {
  return new DeepgramSTT(options.config.cloud.deepgram, process.env, options.logger);
}
