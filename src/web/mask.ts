// The config as the dashboard shows it: inline secrets, credentials inside URLs and caller PII kept in
// the file (ZIP codes) replaced by a mask. Names of environment variables holding secrets stay visible.

export const MASK = '••••••';

/** Keys whose string value is a secret. `passwordEnv`, `adminTokenEnv`, `{ env: … }` are names, not secrets. */
const SECRET_KEY = /(password|passwd|secret|token|apikey|api_key|jwt|privatekey)$/i;
/** Caller PII kept in the config (customers' ZIP codes and billing amounts): masked by exact key. */
const PII_KEYS = new Set(['zip', 'amount']);
const hidden = (key: string): boolean => SECRET_KEY.test(key) || PII_KEYS.has(key.toLowerCase());

function maskUrlCredentials(value: string): string {
  // scheme://user:password@host → scheme://user:••••••@host
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):([^@/\s]+)@/i, `$1:${MASK}@`);
}

export function maskConfig(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => maskConfig(item, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskConfig(v, k)]));
  }
  if (typeof value === 'string') return hidden(key) ? MASK : maskUrlCredentials(value);
  if (typeof value === 'number' && hidden(key)) return MASK;
  return value;
}
