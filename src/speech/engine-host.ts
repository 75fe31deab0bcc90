// The child side of a speech engine process (see worker-spawn.ts): its setup, a port to the parent over
// IPC, and the guarantee that it never outlives the parent (no orphaned engines after a crash or SIGKILL).
import { loadPinned } from './native-library.js';
import { ENGINE_SETUP_ENV } from './worker-spawn.js';

const PR_SET_PDEATHSIG = 1;
const SIGKILL = 9;

export interface EnginePort<In, Out> {
  postMessage(message: Out): void;
  on(event: 'message', listener: (message: In) => void): void;
}

/** The JSON setup the parent passed to spawnEngineProcess. */
export function engineSetup<T>(): T {
  const text = process.env[ENGINE_SETUP_ENV];
  if (!text) throw new Error('this module runs as a speech engine process (spawnEngineProcess)');
  return JSON.parse(text) as T;
}

export function enginePort<In, Out>(): EnginePort<In, Out> {
  if (!process.send) throw new Error('a speech engine process needs an IPC channel to its parent');
  bindLifetimeToParent();
  return {
    postMessage: (message) => void process.send!(message),
    on: (_event, listener) => void process.on('message', listener as (message: unknown) => void),
  };
}

function bindLifetimeToParent(): void {
  // The parent closed the channel (exit, crash, SIGKILL): nothing left to serve.
  process.on('disconnect', () => process.exit(0));
  // Also when the parent dies while this process is busy in native code and its event loop is blocked.
  try {
    const prctl = loadPinned('libc.so.6').func('int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)');
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  } catch {
    // not Linux/glibc: the disconnect handler still applies
  }
  // The parent may already be gone (it died between fork and this line).
  if (!process.connected) process.exit(0);
}
