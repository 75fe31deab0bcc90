// Reads the YAML config file, applies environment overrides and validates it against the schema.
// A bad file stops start-up with one line: "<file>: <field>: <problem>".
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { configSchema, type Config } from './schema.js';

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

function envOverrides(raw: Record<string, any>, env: Env, file: string): void {
  const int = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!/^\d+$/.test(value)) throw new ConfigError(`environment ${name}`, name, `expected a number, got "${value}"`);
    return Number(value);
  };
  const section = (key: string): Record<string, any> => (raw[key] ??= {});
  const sipPort = int('FRONTDESK_SIP_PORT');
  if (sipPort !== undefined) section('sip').port = sipPort;
  const httpPort = int('FRONTDESK_HTTP_PORT');
  if (httpPort !== undefined) (section('operations').http ??= {}).port = httpPort;
  if (env.FRONTDESK_DATA_DIR) section('operations').dataDir = env.FRONTDESK_DATA_DIR;
  if (env.FRONTDESK_RTP_PORTS) section('media').rtpPorts = env.FRONTDESK_RTP_PORTS;
  if (env.FRONTDESK_LOG_LEVEL) raw.logLevel = env.FRONTDESK_LOG_LEVEL;
  if (env.DATABASE_URL) section('operations').databaseUrl = env.DATABASE_URL;
  void file;
}

/** Validates an already-parsed document; `file` names the source in errors. */
export function parseConfig(document: unknown, file: string, env: Env = process.env): Config {
  if (document === null || document === undefined) document = {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(file, '', 'expected a mapping at the top level');
  }
  const raw = structuredClone(document) as Record<string, any>;
  envOverrides(raw, env, file);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(file, issue.path.join('.'), issue.message);
  }
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
