// Runs the real `frontdesk serve` process (bin/frontdesk.js) for end-to-end tests, on free ports
// with its own data dir, and stops it with the same signals an operator would send.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freeSipPort, freeRtpRange } from './ports.js';

export interface FrontdeskOptions {
  args?: string[]; // extra serve arguments, e.g. ['--mode', 'echo']
  config?: Record<string, unknown>; // written as YAML and passed with --config
  env?: Record<string, string>;
}

export interface FrontdeskProcess {
  sipPort: number;
  httpPort: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  healthz(): Promise<{ status: string; sip: { activeCalls: number; registrations: unknown[] } }>;
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startFrontdesk(options: FrontdeskOptions = {}): Promise<FrontdeskProcess> {
  const sipPort = await freeSipPort();
  const httpPort = await freeSipPort();
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-e2e-'));
  const args = ['bin/frontdesk.js', 'serve', ...(options.args ?? [])];
  if (options.config) {
    const file = join(dataDir, 'config.yaml');
    writeFileSync(file, stringify(options.config));
    args.push('--config', file);
  }
  let output = '';
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      FRONTDESK_FROM_SOURCE: '1',
      FRONTDESK_SIP_PORT: String(sipPort),
      FRONTDESK_HTTP_PORT: String(httpPort),
      FRONTDESK_DATA_DIR: dataDir,
      FRONTDESK_RTP_PORTS: await freeRtpRange(200),
      FRONTDESK_LOG_LEVEL: process.env.FRONTDESK_TEST_LOG_LEVEL ?? 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const healthz = async () => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
    return response.json() as ReturnType<FrontdeskProcess['healthz']>;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`frontdesk exited (${child.exitCode}) during start:\n${output}`);
    try {
      await healthz();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`frontdesk did not become healthy:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  return {
    sipPort,
    httpPort,
    dataDir,
    child,
    output: () => output,
    healthz,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
