// koffi declarations for Debian's libpocketsphinx 0.8+5prealpha (old API: ps_set_jsgf_string,
// ps_set_search). Loaded only inside decoder processes: these calls block for milliseconds.
import { loadPinned } from '../native-library.js';

const sphinxbase = loadPinned('libsphinxbase.so.3');
const pocketsphinx = loadPinned('libpocketsphinx.so.3');

export type Pointer = unknown;

export const ps = {
  args: pocketsphinx.func('void *ps_args()') as () => Pointer,
  // Variadic: each extra argument needs its type, e.g. cmdLnInit(null, args, 1, 'str', '-hmm', 'str', dir, 'str', null).
  cmdLnInit: sphinxbase.func('void *cmd_ln_init(void *inout, void *defn, int strict, ...)') as (...args: unknown[]) => Pointer,
  cmdLnFree: sphinxbase.func('int cmd_ln_free_r(void *config)') as (config: Pointer) => number,
  init: pocketsphinx.func('void *ps_init(void *config)') as (config: Pointer) => Pointer,
  free: pocketsphinx.func('int ps_free(void *ps)') as (decoder: Pointer) => number,
  setJsgfString: pocketsphinx.func('int ps_set_jsgf_string(void *ps, const char *name, const char *jsgf)') as (decoder: Pointer, name: string, jsgf: string) => number,
  setLmFile: pocketsphinx.func('int ps_set_lm_file(void *ps, const char *name, const char *path)') as (decoder: Pointer, name: string, path: string) => number,
  setSearch: pocketsphinx.func('int ps_set_search(void *ps, const char *name)') as (decoder: Pointer, name: string) => number,
  startUtt: pocketsphinx.func('int ps_start_utt(void *ps)') as (decoder: Pointer) => number,
  processRaw: pocketsphinx.func('int ps_process_raw(void *ps, const int16_t *data, size_t n, int no_search, int full_utt)') as (
    decoder: Pointer, data: Int16Array, n: number, noSearch: number, fullUtt: number) => number,
  endUtt: pocketsphinx.func('int ps_end_utt(void *ps)') as (decoder: Pointer) => number,
  getHyp: pocketsphinx.func('const char *ps_get_hyp(void *ps, _Out_ int32_t *score)') as (decoder: Pointer, score: number[]) => string | null,
  getProb: pocketsphinx.func('int32_t ps_get_prob(void *ps)') as (decoder: Pointer) => number,
  getLogmath: pocketsphinx.func('void *ps_get_logmath(void *ps)') as (decoder: Pointer) => Pointer,
  logmathExp: sphinxbase.func('double logmath_exp(void *lmath, int32_t logb)') as (logmath: Pointer, value: number) => number,
  // 5prealpha takes (ps); older releases (ps, sf, ef, ctx1, ctx2): passing all five is safe for both (cdecl).
  nbest: pocketsphinx.func('void *ps_nbest(void *ps, int sf, int ef, const char *ctx1, const char *ctx2)') as (
    decoder: Pointer, sf: number, ef: number, ctx1: null, ctx2: null) => Pointer,
  nbestNext: pocketsphinx.func('void *ps_nbest_next(void *nbest)') as (nbest: Pointer) => Pointer,
  nbestHyp: pocketsphinx.func('const char *ps_nbest_hyp(void *nbest, _Out_ int32_t *score)') as (nbest: Pointer, score: number[]) => string | null,
  nbestFree: pocketsphinx.func('void ps_nbest_free(void *nbest)') as (nbest: Pointer) => void,
  addWord: pocketsphinx.func('int ps_add_word(void *ps, const char *word, const char *phones, int update)') as (
    decoder: Pointer, word: string, phones: string, update: number) => number,
};
