// The speech recognizer behind the STT fakes: the product's embedded pocketsphinx STT (one decoder
// worker), so transcripts come from the audio the fake received. Model files are prepared once per
// machine in the temp dir and shared by every fake.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PocketsphinxStt } from '../../src/speech/pocketsphinx/stt.js';
import type { STT } from '../../src/speech/types.js';

export function embeddedRecognizer(): Promise<STT> {
  return PocketsphinxStt.create({ speechDir: join(tmpdir(), 'frontdesk-fake-recognizer'), workers: 1 });
}
