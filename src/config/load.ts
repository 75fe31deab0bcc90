// Reads the YAML config file, applies environment overrides and validates it against the schema.
// A bad file stops start-up with one line: "<file>: <field>: <problem>".
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { configSchema, type Config } from './schema.js';
import { findUnknownKey } from './unknown-keys.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field || '(top level)'}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Applies FRONTDESK_* overrides to `raw`; returns which config path each variable set. */
function envOverrides(raw: Record<string, any>, env: Env): Map<string, string> {
  const applied = new Map<string, string>();
  const int = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!/^\d+$/.test(value)) throw new ConfigError('environment', name, `expected a number, got "${value}"`);
    return Number(value);
  };
  const section = (key: string): Record<string, any> => (raw[key] ??= {});
  const set = (name: string, path: string, assign: () => void): void => {
    assign();
    applied.set(path, name);
  };
  const sipPort = int('FRONTDESK_SIP_PORT');
  if (sipPort !== undefined) set('FRONTDESK_SIP_PORT', 'sip.port', () => (section('sip').port = sipPort));
  const httpPort = int('FRONTDESK_HTTP_PORT');
  if (httpPort !== undefined) set('FRONTDESK_HTTP_PORT', 'operations.http.port', () => ((section('operations').http ??= {}).port = httpPort));
  if (env.FRONTDESK_DATA_DIR) set('FRONTDESK_DATA_DIR', 'operations.dataDir', () => (section('operations').dataDir = env.FRONTDESK_DATA_DIR));
  if (env.FRONTDESK_RTP_PORTS) set('FRONTDESK_RTP_PORTS', 'media.rtpPorts', () => (section('media').rtpPorts = env.FRONTDESK_RTP_PORTS));
  if (env.FRONTDESK_LOG_LEVEL) set('FRONTDESK_LOG_LEVEL', 'logLevel', () => (raw.logLevel = env.FRONTDESK_LOG_LEVEL));
  if (env.DATABASE_URL) set('DATABASE_URL', 'operations.databaseUrl', () => (section('operations').databaseUrl = env.DATABASE_URL));
  return applied;
}

/** Validates an already-parsed document; `file` names the source in errors. */
export function parseConfig(document: unknown, file: string, env: Env = process.env): Config {
  if (document === null || document === undefined) document = {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(file, '', 'expected a mapping at the top level');
  }
  const raw = structuredClone(document) as Record<string, any>;
  const fromEnv = envOverrides(raw, env);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      throw new ConfigError(file, [...issue.path, issue.keys[0]].join('.'), 'unknown setting (misspelt, or not in this version)');
    }
    const field = issue.path.join('.');
    const variable = fromEnv.get(field);
    if (variable) throw new ConfigError('environment', variable, issue.message);
    throw new ConfigError(file, field, issue.message);
  }
  const unknown = findUnknownKey(raw, result.data);
  if (unknown) throw new ConfigError(file, unknown, 'unknown setting (misspelt, or not in this version)');
  return result.data;
}

export function loadConfig(file: string | undefined, env: Env = process.env): Config {
  if (!file) return parseConfig({}, '(defaults)', env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'invalid YAML';
    throw new ConfigError(file, '', `invalid YAML: ${message}`);
  }
  return parseConfig(document, file, env);
}

export { z };
