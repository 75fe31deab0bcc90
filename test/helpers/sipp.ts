// Runs sipp (sip-tester) for real-peer tests: a scenario file, inline scenario XML or a built-in
// (-sn uac/uas), each in its own temp dir so its logs can be read; every process is killed on cleanup.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { freeSipPort, freeUdpPort } from './ports.js';

export interface SippOptions {
  /** Built-in scenario name (uac, uas, uac_pcap, …), a scenario file path, or inline XML (starts with '<'). */
  scenario: string;
  /** host:port to call (uac). Omit for a UAS. */
  target?: string;
  /** -s service (request-URI user). */
  service?: string;
  /** Local SIP port; a free one is picked when omitted. */
  port?: number;
  /** Media port (-mp); a free one is picked when omitted. */
  mediaPort?: number;
  /** -m: exit after this many calls (default 1). */
  calls?: number;
  /** -timeout seconds, with -timeout_error (default 20). */
  timeoutSec?: number;
  transport?: 'u1' | 'un' | 't1' | 'tn';
  /** Extra command-line arguments (e.g. ['-r', '100', '-l', '100', '-rtp_echo']). */
  args?: string[];
  /** Files to write into sipp's working directory first (e.g. audio for rtp_stream). */
  files?: Record<string, string | Buffer>;
}

export interface SippResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Concatenated text of every *.log and *.csv sipp wrote in its dir. */
  logs: string;
  dir: string;
}

export interface SippProcess {
  readonly port: number;
  readonly mediaPort: number;
  readonly dir: string;
  readonly child: ChildProcess;
  /** Resolves when sipp exits by itself. */
  done: Promise<SippResult>;
  /** SIGUSR1 (graceful), then SIGKILL after 3 s; resolves with the result. */
  stop(): Promise<SippResult>;
}

const running = new Set<ChildProcess>();
const dirs = new Set<string>();

function readLogs(dir: string): string {
  let text = '';
  if (!existsSync(dir)) return text; // removed already (killAllSipp, or a /tmp cleanup)
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.log') || name.endsWith('.csv')) text += `=== ${name}\n${readFileSync(join(dir, name), 'utf8')}\n`;
  }
  return text;
}

/** Starts sipp in the background. */
export async function startSipp(options: SippOptions): Promise<SippProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  dirs.add(dir);
  const port = options.port ?? (await freeSipPort());
  const mediaPort = options.mediaPort ?? (await freeUdpPort(4));
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
  const args: string[] = [];
  if (options.scenario.trimStart().startsWith('<')) {
    writeFileSync(join(dir, 'scenario.xml'), options.scenario);
    args.push('-sf', join(dir, 'scenario.xml'));
  } else if (options.scenario.includes('/') || options.scenario.endsWith('.xml')) {
    args.push('-sf', resolvePath(options.scenario));
  } else {
    args.push('-sn', options.scenario);
  }
  if (options.target) args.push(options.target);
  if (options.service) args.push('-s', options.service);
  args.push('-i', '127.0.0.1', '-p', String(port), '-mp', String(mediaPort), '-nostdin');
  args.push('-m', String(options.calls ?? 1));
  args.push('-timeout', String(options.timeoutSec ?? 20), '-timeout_error');
  if (options.transport) args.push('-t', options.transport);
  args.push('-trace_err', ...(options.args ?? []));
  const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout = (stdout + d.toString()).slice(-200_000); });
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-200_000); });
  const done = new Promise<SippResult>((resolve) => {
    const finish = (code: number | null) => {
      running.delete(child);
      resolve({ code, stdout, stderr, logs: readLogs(dir), dir });
    };
    child.once('exit', (code, signal) => finish(code ?? (signal ? 128 : null)));
    child.once('error', (err) => { stderr += String(err); finish(null); });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGUSR1');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      const result = await done;
      clearTimeout(timer);
      return result;
    }
    return done;
  };
  return { port, mediaPort, dir, child, done, stop };
}

/** Runs sipp to completion (a UAC run, typically) and returns its exit code and logs. */
export async function runSipp(options: SippOptions): Promise<SippResult> {
  const sipp = await startSipp(options);
  const hardLimit = setTimeout(() => sipp.child.kill('SIGKILL'), ((options.timeoutSec ?? 20) + 15) * 1000);
  const result = await sipp.done;
  clearTimeout(hardLimit);
  return result;
}

/** Kills every sipp still running and removes their temp dirs (call from after()). */
export function killAllSipp(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

/** Removes a result's temp dir (optional; /tmp is cleaned by the OS otherwise). */
export function removeSippDir(result: { dir: string }): void {
  rmSync(result.dir, { recursive: true, force: true });
}

/** Cumulative counters from the last line of a -trace_stat CSV in the logs (e.g. 'SuccessfulCall(C)'). */
export function sippStat(result: SippResult, column: string): number | undefined {
  if (!existsSync(result.dir)) return undefined;
  const csv = readdirSync(result.dir).find((n) => n.endsWith('_.csv'));
  if (!csv) return undefined;
  const lines = readFileSync(join(result.dir, csv), 'utf8').trim().split('\n');
  const header = lines[0]!.split(';');
  const last = lines[lines.length - 1]!.split(';');
  const index = header.indexOf(column);
  return index < 0 ? undefined : Number(last[index]);
}
