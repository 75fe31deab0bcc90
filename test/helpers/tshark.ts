// tshark on loopback for real-peer tests: capture with a BPF filter (resolves once capturing), stop
// it, and read RTP figures back (`-z rtp,streams` rows, per-packet fields). Needs root (see peers.md).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Capture {
  file: string;
  /** SIGINT, wait for tshark to flush and exit. */
  stop(): Promise<void>;
  /** Removes the capture's temp dir. */
  remove(): void;
}

const running = new Set<ChildProcess>();

export async function startCapture(filter: string, timeoutSec = 60): Promise<Capture> {
  const dir = mkdtempSync(join(tmpdir(), 'tshark-'));
  const file = join(dir, 'capture.pcapng');
  const child = spawn('tshark', ['-i', 'lo', '-f', filter, '-w', file, '-a', `duration:${timeoutSec}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (running.delete(child), resolve())));
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`tshark did not start: ${text}`)), 15_000);
    child.stderr!.on('data', (data: Buffer) => {
      text += data.toString();
      if (text.includes('Capturing on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`tshark exited: ${text}`));
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 300)); // the BPF is attached just after the banner
  return {
    file,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function killAllTshark(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export interface RtpStreamRow {
  srcPort: number;
  dstPort: number;
  ssrc: number;
  payload: string;
  packets: number;
  lost: number;
  maxDeltaMs: number;
  maxJitterMs: number;
  meanJitterMs: number;
}

/** `tshark -z rtp,streams`, decoding UDP `port` as RTP (the SDP was not captured). */
export function rtpStreams(file: string, port: number): RtpStreamRow[] {
  const out = spawnSync('tshark', ['-r', file, '-d', `udp.port==${port},rtp`, '-q', '-z', 'rtp,streams'], { encoding: 'utf8' }).stdout;
  const rows: RtpStreamRow[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*[\d.]+\s+[\d.]+\s+\S+\s+(\d+)\s+\S+\s+(\d+)\s+(0x[0-9A-Fa-f]+)\s+(.+?)\s+(\d+)\s+(-?\d+)\s+\([^)]*\)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(line);
    if (!m) continue;
    rows.push({
      srcPort: Number(m[1]), dstPort: Number(m[2]), ssrc: Number(m[3]), payload: m[4]!, packets: Number(m[5]), lost: Number(m[6]),
      maxDeltaMs: Number(m[9]), meanJitterMs: Number(m[11]), maxJitterMs: Number(m[12]),
    });
  }
  return rows;
}

/** Per-packet fields (e.g. ['udp.srcport', 'rtp.marker', 'rtp.seq']) of RTP on `port`, one array per packet. */
export function rtpFields(file: string, port: number, fields: string[]): string[][] {
  const args = ['-r', file, '-d', `udp.port==${port},rtp`, '-Y', 'rtp', '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  const out = spawnSync('tshark', args, { encoding: 'utf8' }).stdout;
  return out.trim().split('\n').filter(Boolean).map((line) => line.split('\t'));
}
