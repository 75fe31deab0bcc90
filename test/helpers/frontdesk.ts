// Runs the real `frontdesk serve` process (bin/frontdesk.js) for end-to-end tests, on free ports
// with its own data dir, and stops it with the same signals an operator would send.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { freeSipPort, freeRtpRange } from './ports.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const FRONTDESK_BIN = join(REPO_ROOT, 'bin/frontdesk.js');

export interface FrontdeskOptions {
  args?: string[]; // extra serve arguments, e.g. ['--mode', 'echo']
  config?: Record<string, unknown>; // written as YAML to `configFile` and passed with --config
  env?: Record<string, string>;
  /** Reuse this data dir (a restart after a kill); a new temp dir otherwise. */
  dataDir?: string;
  /** Another install of frontdesk (e.g. a compiled copy); default this repo's bin/frontdesk.js. */
  bin?: string;
  /** Node flags before the script, e.g. ['--import', 'tsx', '--import', PRELOAD]. */
  nodeArgs?: string[];
}

export interface FrontdeskProcess {
  sipPort: number;
  httpPort: number;
  dataDir: string;
  /** The YAML file passed with --config (when options.config was given): edit it, then SIGHUP. */
  configFile: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
  /** What the process wrote to stderr only. */
  stderr(): string;
  healthz(): Promise<{ status: string; sip: { activeCalls: number; registrations: unknown[] } }>;
  /** Resolves once `pattern` shows up in the output (rejects after timeoutMs). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` (default SIGTERM) and waits for exit; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `frontdesk serve` and waits until /healthz answers; retries when a picked port got taken. */
export async function startFrontdesk(options: FrontdeskOptions = {}): Promise<FrontdeskProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function startOnce(options: FrontdeskOptions): Promise<FrontdeskProcess> {
  const sipPort = await freeSipPort();
  let httpPort = await freeSipPort();
  while (httpPort === sipPort) httpPort = await freeSipPort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'frontdesk-e2e-'));
  const configFile = join(dataDir, 'config.yaml');
  const args = [...(options.nodeArgs ?? []), options.bin ?? FRONTDESK_BIN, 'serve', ...(options.args ?? [])];
  if (options.config) {
    writeFileSync(configFile, stringify(options.config));
    args.push('--config', configFile);
  }
  let output = '';
  let stderr = '';
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
  child.stderr!.on('data', (d) => {
    output += d;
    stderr += d;
  });
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
    configFile,
    child,
    exited,
    output: () => output,
    stderr: () => stderr,
    healthz,
    async waitForOutput(pattern: RegExp, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > until) throw new Error(`frontdesk: no ${pattern} within ${timeoutMs} ms:\n${output.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  bin?: string;
}

/** Starts a one-shot `frontdesk <args>` (call, calls, serve with a bad config, …) in the background. */
export function startCli(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [options.bin ?? FRONTDESK_BIN, ...args], {
    env: { ...process.env, FRONTDESK_FROM_SOURCE: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
  const done = new Promise<CliResult>((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs a one-shot `frontdesk <args>` to completion. */
export function runFrontdesk(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
