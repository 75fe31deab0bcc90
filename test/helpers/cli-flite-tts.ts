// flite through its command-line tool, one process per sentence: a stand-in for the in-process
// FliteTts in end-to-end tests while the koffi worker crashes inside live calls (SIGSEGV in
// flite_text_to_wave; see the assistant report). Same voices, same 8 kHz output.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeWav } from '../../src/media/wav.js';
import { toTelephoneRate } from '../../src/speech/resample.js';
import { splitSentences } from '../../src/speech/tts/text.js';
import { ttsProviders } from '../../src/speech/index.js';
import { ttsLatency } from '../../src/metrics.js';
import type { PcmChunk } from '../../src/media/pcm.js';
import type { TTS } from '../../src/speech/types.js';

const run = promisify(execFile);

export class CliFliteTts implements TTS {
  readonly name = 'flite-cli';
  private readonly dir = mkdtempSync(join(tmpdir(), 'flite-cli-'));
  private n = 0;
  constructor(private readonly voice: string) {}

  async *synthesize(text: string, options: { signal?: AbortSignal } = {}): AsyncIterable<PcmChunk> {
    const requested = performance.now();
    let first = true;
    for (const sentence of splitSentences(text)) {
      if (options.signal?.aborted) return;
      const out = join(this.dir, `${++this.n}.wav`);
      await run('flite', ['-voice', this.voice, '-t', sentence, '-o', out]);
      const pcm = decodeWav(readFileSync(out));
      rmSync(out, { force: true });
      if (first) ttsLatency.observe({ provider: this.name, cache: 'miss' }, (performance.now() - requested) / 1000); // as FliteTts does
      first = false;
      yield { samples: toTelephoneRate(pcm.samples, pcm.sampleRate), sampleRate: 8000 };
    }
  }

  async close(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Makes createSpeechStack build CliFliteTts for speech.tts=flite (unless FRONTDESK_E2E_NATIVE_TTS=1). */
export function useCliFlite(): void {
  if (process.env.FRONTDESK_E2E_NATIVE_TTS === '1') return;
  ttsProviders.flite = async (speech) => new CliFliteTts(speech.voice);
}

/** Node flags that make a real `frontdesk serve` process (startFrontdesk nodeArgs) use CliFliteTts too. */
export const CLI_FLITE_NODE_ARGS = process.env.FRONTDESK_E2E_NATIVE_TTS === '1' ? [] : ['--import', 'tsx', '--import', new URL('./cli-flite-preload.ts', import.meta.url).pathname];
