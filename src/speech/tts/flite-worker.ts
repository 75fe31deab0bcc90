// flite synthesis thread: libflite through koffi, one voice per thread, each request synthesized
// whole (flite has no streaming API; the caller streams sentence by sentence) and resampled to 8 kHz.
import koffi from 'koffi';
import { parentPort, workerData } from 'node:worker_threads';
import { toTelephoneRate } from '../resample.js';

export type FliteRequest = { id: number; text: string };
export type FliteReply = { id: number; samples: Int16Array } | { id: number; error: string } | { ready: true };

const voiceName = (workerData as { voice: string }).voice;
const flite = koffi.load('libflite.so.1');
const voiceLibrary = koffi.load(`libflite_cmu_us_${voiceName}.so.1`);
koffi.struct('cst_wave', { type: 'const char *', sample_rate: 'int', num_samples: 'int', num_channels: 'int', samples: 'void *' });
const fliteInit = flite.func('int flite_init()');
const textToWave = flite.func('void *flite_text_to_wave(const char *text, void *voice)');
const deleteWave = flite.func('void delete_wave(void *wave)');
const registerVoice = voiceLibrary.func(`void *register_cmu_us_${voiceName}(const char *voxdir)`);

fliteInit();
const voice = registerVoice(null);
if (!voice) throw new Error(`flite voice ${voiceName} did not load`);
const port = parentPort!;

function synthesize(text: string): Int16Array {
  const wave = textToWave(text, voice);
  if (!wave) return new Int16Array(0);
  try {
    const header = koffi.decode(wave, 'cst_wave') as { sample_rate: number; num_samples: number; num_channels: number; samples: unknown };
    if (header.num_samples <= 0 || !header.samples) return new Int16Array(0);
    const copy = new Int16Array(koffi.view(header.samples, header.num_samples * header.num_channels * 2).slice(0));
    const mono = header.num_channels > 1 ? copy.filter((_, i) => i % header.num_channels === 0) : copy;
    return toTelephoneRate(mono, header.sample_rate);
  } finally {
    deleteWave(wave);
  }
}

port.on('message', (request: FliteRequest) => {
  try {
    const samples = synthesize(request.text);
    port.postMessage({ id: request.id, samples } satisfies FliteReply, [samples.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies FliteReply);
  }
});
port.postMessage({ ready: true } satisfies FliteReply);
