// Regression for the in-call SIGSEGV in flite: koffi unloads a library whose JS object is collected,
// under C code that still points into it. loadPinned keeps it mapped; plain koffi.load (control) does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const NATIVE_LIBRARY = new URL('../../src/speech/native-library.ts', import.meta.url).href;
const VOICE = 'libflite_cmu_us_kal.so.1';

/** Loads the voice library in a function scope (as a start-up-only use does), collects garbage, reads the maps. */
async function mappedAfterGc(loader: 'loadPinned' | 'koffi.load'): Promise<boolean> {
  const script = `
    import koffi from 'koffi';
    import { readFileSync } from 'node:fs';
    import { loadPinned } from ${JSON.stringify(NATIVE_LIBRARY)};
    (() => { const lib = ${loader === 'loadPinned' ? 'loadPinned' : 'koffi.load'}(${JSON.stringify(VOICE)}); lib.func('void *register_cmu_us_kal(const char *voxdir)'); })();
    for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 20)); }
    console.log(readFileSync('/proc/self/maps', 'utf8').includes('cmu_us_kal') ? 'mapped' : 'unmapped');`;
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000 });
  return stdout.trim() === 'mapped';
}

test('a pinned library stays mapped after its JS object is garbage-collected', async () => {
  assert.equal(await mappedAfterGc('loadPinned'), true);
});

test('control: koffi.load alone is unmapped by garbage collection (what crashed flite)', async () => {
  assert.equal(await mappedAfterGc('koffi.load'), false);
});
