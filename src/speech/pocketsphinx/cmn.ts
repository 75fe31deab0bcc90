// Access to a decoder's live cepstral-mean estimate (libsphinxbase cmn_live_get/set). pocketsphinx
// exports no getter for it, so the cmn_t is reached through the 5prealpha struct layouts, and every
// step is checked against known values before use; on any mismatch the feature is simply off.
import koffi from 'koffi';
import type { Pointer } from './binding.js';
import { loadPinned } from '../native-library.js';

const sphinxbase = loadPinned('libsphinxbase.so.3');
const cmnLiveGet = sphinxbase.func('void cmn_live_get(void *cmn, _Out_ float *vec)') as (cmn: Pointer, vec: Float32Array) => void;
const cmnLiveSet = sphinxbase.func('void cmn_live_set(void *cmn, const float *vec)') as (cmn: Pointer, vec: Float32Array) => void;

// x86-64 offsets: ps_decoder_t { cmd_ln_t *config; int refcount; acmod_t *acmod; ... },
// acmod_t { config; lmath; strings; fe_t *fe; feat_t *fcb; ... }, feat_t { ...; cmn_t *cmn_struct @88 },
// cmn_t { float *cmn_mean; float *cmn_var; float *sum; int32 nframe; int32 veclen; }.
const PS_CONFIG = 0;
const PS_ACMOD = 16;
const ACMOD_CONFIG = 0;
const ACMOD_FCB = 32;
const FEAT_CEPSIZE = 16;
const FEAT_CMN_STRUCT = 88;
const CMN_MEAN = 0;
const CMN_SUM = 16;
const CMN_NFRAME = 24;
const CMN_VECLEN = 28;
export const CEPSTRUM_LENGTH = 13;

const pointerAt = (base: Pointer, offset: number): Pointer => koffi.decode(base, offset, 'void *');
const int32At = (base: Pointer, offset: number): number => koffi.decode(base, offset, 'int32_t');
const same = (a: Pointer, b: Pointer): boolean => a !== null && b !== null && koffi.address(a) === koffi.address(b);

/** The decoder's cmn_t, or undefined when the layout does not check out against `expectedMean`. */
export function findCmn(decoder: Pointer, config: Pointer, expectedMean: readonly number[]): Pointer | undefined {
  try {
    if (!same(pointerAt(decoder, PS_CONFIG), config)) return undefined;
    const acmod = pointerAt(decoder, PS_ACMOD);
    if (!acmod || !same(pointerAt(acmod, ACMOD_CONFIG), config)) return undefined;
    const feat = pointerAt(acmod, ACMOD_FCB);
    if (!feat || int32At(feat, FEAT_CEPSIZE) !== CEPSTRUM_LENGTH) return undefined;
    const cmn = pointerAt(feat, FEAT_CMN_STRUCT);
    if (!cmn || int32At(cmn, CMN_VECLEN) !== CEPSTRUM_LENGTH || !pointerAt(cmn, CMN_MEAN)) return undefined;
    const mean = readCmn(cmn);
    return mean.every((value, i) => Math.abs(value - (expectedMean[i] ?? NaN)) < 0.01) ? cmn : undefined;
  } catch {
    return undefined;
  }
}

export function readCmn(cmn: Pointer): Float32Array {
  const vec = new Float32Array(CEPSTRUM_LENGTH);
  cmnLiveGet(cmn, vec);
  return vec;
}

export function writeCmn(cmn: Pointer, vec: Float32Array): void {
  cmnLiveSet(cmn, vec);
}

/**
 * Back to a fresh decoder's state: `initial` (the model's cmninit) with nothing accumulated, so the
 * next utterance's end mean is its own, exactly as after ps_init (cmn_live_set alone would weigh
 * `initial` in as 500 frames of history).
 */
export function resetCmn(cmn: Pointer, initial: Float32Array): void {
  cmnLiveSet(cmn, initial);
  koffi.encode(pointerAt(cmn, CMN_SUM), 0, koffi.array('float', CEPSTRUM_LENGTH), new Float32Array(CEPSTRUM_LENGTH));
  koffi.encode(cmn, CMN_NFRAME, 'int32_t', 0);
}
