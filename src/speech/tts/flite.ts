// Embedded TTS: flite in its own process (never on the event loop; a crash there cannot take calls
// down), sentence-level streaming (the first sentence plays while the rest is synthesized), 8 kHz
// output, disk cache for repeated prompts.
import { performance } from 'node:perf_hooks';
import { CALL_SAMPLE_RATE, type PcmChunk } from '../../media/pcm.js';
import { ttsLatency } from '../../metrics.js';
import type { TTS } from '../types.js';
import { siblingModule, spawnEngineProcess, type EngineProcess } from '../worker-spawn.js';
import { PromptCache } from './cache.js';
import type { FliteReply, FliteRequest } from './flite-worker.js';
import { splitSentences } from './text.js';

export const FLITE_VOICES = ['kal', 'kal16', 'slt', 'awb', 'rms'] as const;
const WORKER_URL = siblingModule(import.meta.url, 'flite-worker');

interface Pending {
  resolve: (samples: Int16Array) => void;
  reject: (error: Error) => void;
}

export class FliteTts implements TTS {
  readonly name = 'flite';
  private worker: EngineProcess<FliteRequest, FliteReply>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(
    readonly voice: string,
    private readonly cache: PromptCache,
  ) {
    this.worker = this.spawn();
  }

  static async create(options: { voice: string; cacheDir: string; cacheEntries: number }): Promise<FliteTts> {
    if (!(FLITE_VOICES as readonly string[]).includes(options.voice)) {
      throw new Error(`unknown flite voice "${options.voice}" (choose one of ${FLITE_VOICES.join(', ')})`);
    }
    const tts = new FliteTts(options.voice, new PromptCache(options.cacheDir, options.cacheEntries));
    await tts.ready;
    return tts;
  }

  private ready!: Promise<void>;

  async *synthesize(text: string, options: { signal?: AbortSignal } = {}): AsyncIterable<PcmChunk> {
    const requested = performance.now();
    // Ask for every sentence at once: the worker works through them while earlier ones play.
    const sentences = splitSentences(String(text ?? '')).map((sentence) => this.sentence(sentence));
    sentences.forEach((p) => p.catch(() => undefined));
    let first = true;
    for (const next of sentences) {
      if (options.signal?.aborted) return;
      const { samples, cached } = await next;
      if (options.signal?.aborted) return;
      if (first) {
        ttsLatency.observe({ provider: 'flite', cache: cached ? 'hit' : 'miss' }, (performance.now() - requested) / 1000);
        first = false;
      }
      if (samples.length > 0) yield { samples, sampleRate: CALL_SAMPLE_RATE };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private async sentence(text: string): Promise<{ samples: Int16Array; cached: boolean }> {
    const key = PromptCache.key(this.voice, text);
    const hit = await this.cache.get(key);
    if (hit) return { samples: hit, cached: true };
    const samples = await this.request(text);
    void this.cache.put(key, samples);
    return { samples, cached: false };
  }

  private request(text: string): Promise<Int16Array> {
    if (this.closed) return Promise.reject(new Error('speech synthesizer is closed'));
    const id = this.nextId++;
    return new Promise<Int16Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, text });
    });
  }

  /** For tests: kills the synthesizer process, as a crash in libflite would. */
  async killEngine(): Promise<void> {
    await this.worker.terminate();
  }

  private spawn(): EngineProcess<FliteRequest, FliteReply> {
    const worker = spawnEngineProcess<FliteRequest, FliteReply>(WORKER_URL, { voice: this.voice });
    let started = false;
    let failStart!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      failStart = reject;
      worker.once('error', reject);
      worker.on('message', (reply: FliteReply) => {
        if ('ready' in reply) {
          started = true;
          return resolve();
        }
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        if ('error' in reply) waiting.reject(new Error(reply.error));
        else waiting.resolve(reply.samples);
      });
    });
    this.ready.catch(() => undefined);
    worker.on('exit', (code) => {
      if (!started) failStart(new Error(`speech synthesizer process exited (${code}) during start-up`));
      const orphans = [...this.pending.values()];
      this.pending.clear();
      for (const waiting of orphans) waiting.reject(new Error(`speech synthesizer process stopped (${code})`));
      // Replace a process that died in service; one that never started would only fail again.
      if (!this.closed && started) this.worker = this.spawn();
    });
    return worker;
  }
}
