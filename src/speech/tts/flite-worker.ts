// flite synthesis process: libflite through koffi, one voice per process, each request synthesized
// whole (flite has no streaming API; the caller streams sentence by sentence) and resampled to 8 kHz.
import koffi from 'koffi';
import { enginePort, engineSetup } from '../engine-host.js';
import { loadPinned } from '../native-library.js';
import { toTelephoneRate } from '../resample.js';

export type FliteRequest = { id: number; text: string };
export type FliteReply = { id: number; samples: Int16Array } | { id: number; error: string } | { ready: true };

const voiceName = engineSetup<{ voice: string }>().voice;
const flite = loadPinned('libflite.so.1');
const voiceLibrary = loadPinned(`libflite_cmu_us_${voiceName}.so.1`);
koffi.struct('cst_wave', { type: 'const char *', sample_rate: 'int', num_samples: 'int', num_channels: 'int', samples: 'void *' });
const fliteInit = flite.func('int flite_init()');
const textToWave = flite.func('void *flite_text_to_wave(const char *text, void *voice)');
const deleteWave = flite.func('void delete_wave(void *wave)');
const registerVoice = voiceLibrary.func(`void *register_cmu_us_${voiceName}(const char *voxdir)`);

// What flite's own main does (flite_set_lang_list): voices look their language and lexicon up in this
// list; without it the clustergen/16 kHz voices hit "tried to access lexicon in -1 type val" and the
// process dies. The init functions are passed as raw addresses found with dlsym.
const libc = loadPinned('libc.so.6');
const dlopen = libc.func('void *dlopen(const char *file, int mode)');
const dlsym = libc.func('void *dlsym(void *handle, const char *name)');
const RTLD_NOW = 2;
const addLang = flite.func('int flite_add_lang(void *name, void *langInit, void *lexInit)');
const usenglishInit = dlsym(dlopen('libflite_usenglish.so.1', RTLD_NOW), 'usenglish_init');
const cmuLexInit = dlsym(dlopen('libflite_cmulex.so.1', RTLD_NOW), 'cmu_lex_init');
if (!usenglishInit || !cmuLexInit) throw new Error('flite English language support (libflite_usenglish, libflite_cmulex) not found');

// flite_add_lang keeps the name pointer (no copy) and strcmp()s it on every lookup, so the names must
// live in memory we own for the life of the process — a koffi temporary string is freed after the call
// and reused, which crashed synthesis a few prompts into a call.
function permanentCString(text: string): unknown {
  const bytes = Buffer.from(`${text}\0`, 'latin1');
  const memory = koffi.alloc('char', bytes.length);
  koffi.encode(memory, 'char', bytes.toString('latin1'), bytes.length);
  return memory;
}
const languageNames = ['eng', 'usenglish'].map(permanentCString);

fliteInit();
for (const name of languageNames) addLang(name, usenglishInit, cmuLexInit);
const voice = registerVoice(null);
if (!voice) throw new Error(`flite voice ${voiceName} did not load`);
const port = enginePort<FliteRequest, FliteReply>();

function synthesize(text: string): Int16Array {
  const wave = textToWave(text, voice);
  if (!wave) return new Int16Array(0);
  try {
    const header = koffi.decode(wave, 'cst_wave') as { sample_rate: number; num_samples: number; num_channels: number; samples: unknown };
    if (header.num_samples <= 0 || !header.samples) return new Int16Array(0);
    // Decoded as a copy: an ArrayBuffer view onto wave memory outlives delete_wave and crashed the process.
    const decoded = koffi.decode(header.samples, 'int16_t', header.num_samples * header.num_channels) as Int16Array | number[];
    const copy = decoded instanceof Int16Array ? decoded.slice() : Int16Array.from(decoded);
    const mono = header.num_channels > 1 ? copy.filter((_, i) => i % header.num_channels === 0) : copy;
    return toTelephoneRate(mono, header.sample_rate);
  } finally {
    deleteWave(wave);
  }
}

port.on('message', (request: FliteRequest) => {
  try {
    const samples = synthesize(request.text);
    port.postMessage({ id: request.id, samples });
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
