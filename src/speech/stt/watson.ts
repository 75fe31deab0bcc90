// IBM Watson streaming STT (`stt: watson`): one WebSocket /v1/recognize per turn, µ-law 8 kHz sent per
// 20 ms frame as it arrives, interim → partial, Watson's end of phrase (silence time per context) or
// end() → one final. A dropped socket errors the session so the assistant re-prompts the turn.
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { RecognitionContext, RecognitionResult, STT, SttSession, SttSessionEvents } from '../types.js';
import type { PcmChunk } from '../../media/pcm.js';
import { mulawEncode } from '../../media/codecs/g711.js';
import { IamTokenManager } from './watson-iam.js';
import { secret, secretSource, watsonServiceUrl, type WatsonConfig } from '../../config/cloud.js';
import { providerErrors, sttLatency } from '../../metrics.js';
import { logger as makeLogger, type Logger } from '../../log.js';

export class WatsonConfigError extends Error {}

interface WatsonResult {
  final: boolean;
  alternatives: { transcript: string; confidence?: number }[];
}
interface WatsonMessage {
  state?: string;
  error?: string;
  result_index?: number;
  results?: WatsonResult[];
  warnings?: string[];
}

export class WatsonSTT implements STT {
  readonly name = 'watson';
  private readonly iam: IamTokenManager;
  private readonly recognizeUrl: string;
  private readonly sessions = new Set<WatsonSession>();
  readonly log: Logger;

  constructor(readonly config: WatsonConfig, env: Record<string, string | undefined> = process.env, logger?: Logger) {
    const apiKey = secret(config.apiKey, env);
    const instance = secret(config.instanceId, env);
    if (!apiKey) throw new WatsonConfigError(`Watson STT needs an API key in ${secretSource(config.apiKey)}`);
    const service = watsonServiceUrl(config, env);
    // WATSON_STT_URL may already name the instance (as IBM's credentials page shows it).
    const base = /\/instances\/[^/]+$/.test(service) ? service : instance ? `${service}/instances/${instance}` : undefined;
    if (!base) throw new WatsonConfigError(`Watson STT needs the instance id in ${secretSource(config.instanceId)}`);
    this.recognizeUrl = `${base.replace(/^http/, 'ws')}/v1/recognize?model=${encodeURIComponent(config.model)}`;
    this.iam = new IamTokenManager(config.iamUrl, apiKey);
    this.log = logger ?? makeLogger('stt-watson');
  }

  open(context: RecognitionContext): SttSession {
    const session: WatsonSession = new WatsonSession(this, context, () => this.sessions.delete(session));
    this.sessions.add(session);
    void session.connect(this.iam, this.recognizeUrl);
    return session;
  }

  startMessage(context: RecognitionContext): Record<string, unknown> {
    const silence = context.kind === 'digits' ? this.config.endSilence.digits : context.kind === 'yesNo' ? this.config.endSilence.yesNo : this.config.endSilence.free;
    const message: Record<string, unknown> = {
      action: 'start',
      'content-type': 'audio/mulaw;rate=8000',
      interim_results: true,
      inactivity_timeout: -1,
      end_of_phrase_silence_time: silence,
      smart_formatting: this.config.smartFormatting,
    };
    if (context.kind === 'free' && context.hints?.length) {
      message.keywords = context.hints.slice(0, 1000);
      message.keywords_threshold = 0.5;
    }
    return message;
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.close();
  }
}

class WatsonSession extends EventEmitter<SttSessionEvents> implements SttSession {
  private socket?: WebSocket;
  private pending: Buffer[] = [];
  private finals: WatsonResult[] = [];
  private lastInterim?: RecognitionResult;
  private ended = false;
  private done = false;
  private endedAt = 0;
  private ready = false;

  constructor(private readonly stt: WatsonSTT, private readonly context: RecognitionContext, private readonly onClosed: () => void) {
    super();
  }

  async connect(iam: IamTokenManager, url: string): Promise<void> {
    let token: string;
    try {
      token = await iam.getToken();
    } catch (error) {
      return this.fail('auth', error as Error);
    }
    if (this.done) return;
    const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` }, handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('unexpected-response', (_request, response) => {
      if (response.statusCode === 401) iam.invalidate();
      this.fail(response.statusCode === 401 ? 'auth' : 'connect', new Error(`Watson refused the connection: HTTP ${response.statusCode}`));
      socket.terminate();
    });
    socket.on('open', () => {
      socket.send(JSON.stringify(this.stt.startMessage(this.context)));
      for (const frame of this.pending) socket.send(frame);
      this.pending = [];
      if (this.ended) socket.send(JSON.stringify({ action: 'stop' }));
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(data.toString());
    });
    socket.on('error', (error) => this.fail('connect', error));
    socket.on('close', (code) => {
      if (!this.done) this.fail('dropped', new Error(`Watson connection closed before the final result (code ${code})`));
    });
  }

  write(frame: PcmChunk): void {
    if (this.done || this.ended) return;
    const bytes = Buffer.from(mulawEncode(frame.samples));
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(bytes);
    else this.pending.push(bytes);
  }

  end(): void {
    if (this.done || this.ended) return;
    this.ended = true;
    this.endedAt = performance.now();
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ action: 'stop' }));
  }

  close(): void {
    if (!this.done) this.finish();
  }

  private onMessage(text: string): void {
    let message: WatsonMessage;
    try {
      message = JSON.parse(text) as WatsonMessage;
    } catch {
      return this.fail('protocol', new Error('Watson sent a non-JSON text frame'));
    }
    if (message.error) return this.fail('service', new Error(`Watson: ${message.error}`));
    if (message.warnings?.length) this.stt.log.warn({ warnings: message.warnings }, 'Watson warnings');
    for (const result of message.results ?? []) {
      const best = result.alternatives[0];
      if (!best) continue;
      if (result.final) this.finals.push(result);
      else {
        this.lastInterim = { text: best.transcript.trim(), confidence: 0.5 };
        this.emit('partial', this.lastInterim);
      }
    }
    // Watson's own end of phrase (end_of_phrase_silence_time) gives the turn's answer at once;
    // after stop, the second "listening" says nothing more will come.
    if (this.finals.length > 0) return this.emitFinal();
    if (message.state === 'listening') {
      if (this.ready && this.ended) this.emitFinal();
      this.ready = true;
    }
  }

  private emitFinal(): void {
    if (this.done) return;
    const text = this.finals.map((result) => result.alternatives[0]!.transcript.trim()).filter(Boolean).join(' ');
    const confidences = this.finals.map((result) => result.alternatives[0]!.confidence ?? 0.5);
    const result: RecognitionResult = this.finals.length
      ? { text, confidence: confidences.reduce((a, b) => a + b, 0) / confidences.length }
      : { text: this.lastInterim?.text ?? '', confidence: this.lastInterim ? 0.3 : 0 };
    const alternatives = this.finals.length === 1 ? this.finals[0]!.alternatives : [];
    if (alternatives.length > 1) result.nbest = alternatives.map((a) => ({ text: a.transcript.trim(), confidence: a.confidence ?? 0 }));
    if (this.endedAt) sttLatency.observe({ provider: 'watson' }, (performance.now() - this.endedAt) / 1000);
    this.finish();
    this.emit('final', result);
  }

  private fail(kind: string, error: Error): void {
    if (this.done) return;
    providerErrors.inc({ provider: 'watson', kind });
    this.stt.log.warn({ kind, message: error.message }, 'Watson session failed');
    this.finish();
    this.emit('error', error);
  }

  private finish(): void {
    this.done = true;
    this.pending = [];
    const socket = this.socket;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else socket.terminate();
    }
    this.onClosed();
  }
}

/** The speech-stack factory entry (src/speech/index.ts). */
export async function createWatsonStt(options: { config: { cloud: { watson: WatsonConfig } }; logger?: Logger }): Promise<STT> {
  return new WatsonSTT(options.config.cloud.watson, process.env, options.logger);
}
