// What the running app reports about itself (supplied by the lead's wiring through `status()`), and
// the versions the dashboard shows beside it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RegistrationStatus {
  account: string;
  registrar?: string;
  /** e.g. 'registered', 'registering', 'failed', 'unregistered' */
  state: string;
  expiresAt?: string;
  error?: string;
}

export interface StatusSnapshot {
  sip: { registrations: RegistrationStatus[]; activeCalls: number };
  /** Provider in use per role, e.g. { stt: 'pocketsphinx', tts: 'flite', brain: 'rules' }. */
  providers?: Record<string, string>;
  [extra: string]: unknown;
}

let cachedVersion: string | undefined;

/** frontdesk's own version, from the nearest package.json above this module (src/ or dist/). */
export function appVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'frontdesk' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not here; look one level up
    }
  }
  return (cachedVersion = 'unknown');
}

export function versions(storeKind: string): Record<string, string> {
  return { frontdesk: appVersion(), node: process.version, store: storeKind };
}
