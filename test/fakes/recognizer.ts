// The speech recognizer behind the STT fakes: the product's embedded STT (src/speech/index.ts
// createSpeechStack) when it is built, else pocketsphinx_continuous run on each utterance with the
// speech layer's telephone model and grammars. Either way transcripts come from the audio received.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecognitionContext, RecognitionResult, STT, SttSession, SttSessionEvents } from '../../src/speech/types.js';
import type { PcmChunk } from '../../src/media/pcm.js';
import { Upsampler2x } from '../../src/speech/resample.js';
import { prepareModel } from '../../src/speech/pocketsphinx/model.js';
import { digitsGrammar, grammarWords, yesNoGrammar } from '../../src/speech/pocketsphinx/grammars.js';

const SHARED_MODEL_DIR = join(tmpdir(), 'frontdesk-fake-recognizer');

export async function embeddedRecognizer(): Promise<STT> {
  const index = new URL('../../src/speech/index.ts', import.meta.url);
  if (existsSync(index)) {
    try {
      const speech = (await import(index.href)) as { createSpeechStack?: (config: unknown, options: { dataDir: string }) => Promise<{ stt: STT }> };
      const { configSchema } = await import('../../src/config/schema.js');
      if (speech.createSpeechStack) return (await speech.createSpeechStack(configSchema.parse({}), { dataDir: SHARED_MODEL_DIR })).stt;
    } catch {
      // not usable yet: use the CLI below
    }
  }
  return new PocketsphinxCli();
}

/** pocketsphinx_continuous on the whole utterance (16 kHz upsampled, telephone cmninit). */
class PocketsphinxCli implements STT {
  readonly name = 'pocketsphinx-cli';
  private readonly model = prepareModel(SHARED_MODEL_DIR, [...grammarWords(), ...FREE_WORDS]);

  open(context: RecognitionContext): SttSession {
    return new CliSession(this.model, context);
  }
  async close(): Promise<void> {}
}

const FREE_WORDS = 'i want to talk speak with an agent a person please my bill order internet is not working what are your hours when open can you help me question about billing transfer technical support hello yes no thanks thank'.split(' ');

class CliSession extends EventEmitter<SttSessionEvents> implements SttSession {
  private readonly upsampler = new Upsampler2x();
  private readonly parts: Int16Array[] = [];
  private closed = false;

  constructor(private readonly model: { hmmDir: string; dictPath: string }, private readonly context: RecognitionContext) {
    super();
  }
  write(frame: PcmChunk): void {
    if (!this.closed) this.parts.push(this.upsampler.process(frame.samples));
  }
  close(): void {
    this.closed = true;
  }
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.decode().then(
      (result) => this.emit('final', result),
      (error: Error) => this.emit('error', error),
    );
  }

  private async decode(): Promise<RecognitionResult> {
    const dir = mkdtempSync(join(tmpdir(), 'fake-asr-'));
    try {
      const length = this.parts.reduce((sum, part) => sum + part.length, 0);
      const wav = Buffer.alloc(44 + length * 2);
      wav.write('RIFF', 0); wav.writeUInt32LE(36 + length * 2, 4); wav.write('WAVEfmt ', 8);
      wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22); wav.writeUInt32LE(16000, 24);
      wav.writeUInt32LE(32000, 28); wav.writeUInt16LE(2, 32); wav.writeUInt16LE(16, 34); wav.write('data', 36); wav.writeUInt32LE(length * 2, 40);
      let offset = 44;
      for (const part of this.parts) for (const sample of part) offset = wav.writeInt16LE(sample, offset);
      writeFileSync(join(dir, 'in.wav'), wav);
      const args = ['-infile', join(dir, 'in.wav'), '-hmm', this.model.hmmDir, '-remove_noise', 'no', '-vad_postspeech', '150', '-logfn', '/dev/null'];
      if (this.context.kind === 'free') args.push('-lm', '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin', '-dict', '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict');
      else {
        writeFileSync(join(dir, 'g.gram'), this.context.kind === 'digits' ? digitsGrammar(this.context.length) : yesNoGrammar());
        args.push('-jsgf', join(dir, 'g.gram'), '-dict', this.model.dictPath);
      }
      const text = await run('pocketsphinx_continuous', args);
      const words = text.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
      return { text: words, confidence: words ? 0.8 : 0 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}
