// OpenAI text-to-speech (`tts: openai`): POST /v1/audio/speech with response_format pcm, played while it
// downloads (24 kHz resampled in-process to 8 kHz, no files, no WAV header), finished phrases cached in
// memory; if the server fails before the first audio, the embedded TTS speaks instead.
import type { TTS } from '../types.js';
import type { PcmChunk } from '../../media/pcm.js';
import { CALL_SAMPLE_RATE } from '../../media/pcm.js';
import { OpenAIApi, OpenAIError, asNetworkError } from './openai-api.js';
import { Pcm24kTo8k } from './openai-pcm24k.js';
import { openaiBaseUrl, secret, type OpenAIConfig } from '../../config/cloud.js';
import { providerErrors, ttsLatency } from '../../metrics.js';
import { logger as makeLogger, type Logger } from '../../log.js';

export interface OpenAITtsOptions {
  config: OpenAIConfig;
  /** Speaks when the server cannot (the embedded synthesizer). */
  fallback?: TTS;
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Bytes of 8 kHz audio kept for repeated phrases (default 16 MB ≈ 17 minutes). */
  cacheBytes?: number;
}

export class OpenAITTS implements TTS {
  readonly name = 'openai';
  private readonly api: OpenAIApi;
  private readonly cache = new Map<string, Int16Array>();
  private cachedBytes = 0;
  private readonly log: Logger;

  constructor(private readonly options: OpenAITtsOptions) {
    const env = options.env ?? process.env;
    this.api = new OpenAIApi({ baseUrl: openaiBaseUrl(options.config, env), apiKey: secret(options.config.apiKey, env), maxRetries: 1 });
    this.log = options.logger ?? makeLogger('tts-openai');
  }

  async *synthesize(text: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<PcmChunk> {
    const { model, voice, speed, timeoutMs } = this.options.config.tts;
    const key = `${model}\u0000${voice}\u0000${speed}\u0000${text}`;
    const started = performance.now();
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key); // re-insert: most recently used last
      this.cache.set(key, cached);
      ttsLatency.observe({ provider: 'openai', cache: 'hit' }, (performance.now() - started) / 1000);
      yield { samples: cached, sampleRate: CALL_SAMPLE_RATE };
      return;
    }
    let response: Response;
    try {
      const body = { model, input: text, voice, response_format: 'pcm', ...(speed !== 1 ? { speed } : {}) };
      response = await this.api.post('/audio/speech', body, { deadline: performance.now() + timeoutMs, signal: options.signal, stream: true });
      if (!response.body) throw new OpenAIError('empty audio body', 502);
    } catch (error) {
      if (options.signal?.aborted) return;
      yield* this.fallback(text, error, options.signal);
      return;
    }
    const converter = new Pcm24kTo8k();
    const parts: Int16Array[] = [];
    let first = true;
    try {
      for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
        const samples = converter.push(bytes);
        if (samples.length === 0) continue;
        if (first) ttsLatency.observe({ provider: 'openai', cache: 'miss' }, (performance.now() - started) / 1000);
        first = false;
        parts.push(samples);
        yield { samples, sampleRate: CALL_SAMPLE_RATE };
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      // Cut mid-phrase: what was heard stays heard; nothing is cached.
      providerErrors.inc({ provider: 'openai-tts', kind: asNetworkError(error).kind });
      this.log.warn({ kind: asNetworkError(error).kind }, 'speech stream broke off');
      return;
    }
    this.remember(key, parts);
  }

  private async *fallback(text: string, error: unknown, signal?: AbortSignal): AsyncGenerator<PcmChunk> {
    const kind = error instanceof OpenAIError ? error.kind : 'error';
    providerErrors.inc({ provider: 'openai-tts', kind });
    if (!this.options.fallback) throw error;
    providerErrors.inc({ provider: 'openai-tts', kind: 'fallback' });
    this.log.warn({ kind }, 'speech request failed; the embedded synthesizer speaks instead');
    yield* this.options.fallback.synthesize(text, { signal });
  }

  private remember(key: string, parts: Int16Array[]): void {
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    const limit = this.options.cacheBytes ?? 16 * 1024 * 1024;
    if (length * 2 > limit) return;
    const samples = new Int16Array(length);
    let offset = 0;
    for (const part of parts) {
      samples.set(part, offset);
      offset += part.length;
    }
    this.cache.set(key, samples);
    this.cachedBytes += samples.byteLength;
    for (const [oldest, value] of this.cache) {
      if (this.cachedBytes <= limit) break;
      this.cache.delete(oldest);
      this.cachedBytes -= value.byteLength;
    }
  }

  async close(): Promise<void> {
    this.cache.clear();
    this.cachedBytes = 0;
    await this.options.fallback?.close();
  }
}

/** The speech-stack factory entry (src/speech/index.ts): OpenAI voice, embedded voice as fallback. */
export async function createOpenAiTts(options: { config: { cloud: { openai: OpenAIConfig } }; logger?: Logger }, fallback?: Promise<TTS>): Promise<TTS> {
  return new OpenAITTS({ config: options.config.cloud.openai, fallback: await fallback, logger: options.logger });
}
