// Loads a shared library through koffi for the life of the process. koffi dlclose()s a library when its
// JS object is garbage-collected, while C code (flite's voices, sphinx models) keeps pointers into it.
import koffi from 'koffi';

type Library = ReturnType<typeof koffi.load>;

/**
 * Never released: a voice library that was only used at start-up (register_cmu_us_kal) was collected a
 * few prompts into a call and unmapped under flite's voice, whose feature names pointed into it
 * (SIGSEGV in strcmp <- feat_val <- apply_synth_module).
 */
const pinned = new Map<string, Library>();

export function loadPinned(name: string): Library {
  let library = pinned.get(name);
  if (!library) {
    library = koffi.load(name);
    pinned.set(name, library);
  }
  return library;
}
