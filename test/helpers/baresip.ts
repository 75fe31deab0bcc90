// Runs a real baresip soft-phone as a test peer, driven over its ctrl_tcp netstring interface
// (commands with replies, CALL_* events), recording what it hears with the sndfile module.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

export interface BaresipOptions {
  dir: string; // working dir for config and recordings (one per instance)
  sipPort: number; // baresip also binds sipPort + 1 (SIP over TLS): keep ctrlPort elsewhere
  ctrlPort: number;
  rtpPorts: [number, number];
  audioFile: string; // 8 kHz mono s16 WAV, padded: baresip hangs up when it ends
  codecs?: string[]; // modules, default g711
  account?: string; // accounts line, default a local UA that auto-answers
}

export interface BaresipEvent {
  type: string;
  param?: string;
  [key: string]: unknown;
}

export class Baresip extends EventEmitter<{ event: [BaresipEvent] }> {
  private socket!: Socket;
  private buffer = '';
  private token = 0;
  private readonly pending = new Map<string, (reply: Record<string, unknown>) => void>();
  readonly events: BaresipEvent[] = [];
  private log = '';

  private constructor(
    readonly options: BaresipOptions,
    private readonly child: ChildProcess,
  ) {
    super();
  }

  static async start(options: BaresipOptions): Promise<Baresip> {
    mkdirSync(join(options.dir, 'rec'), { recursive: true });
    const modules = (options.codecs ?? ['g711']).map((m) => `module ${m}.so`).join('\n');
    writeFileSync(
      join(options.dir, 'config'),
      [
        `sip_listen 127.0.0.1:${options.sipPort}`,
        'net_interface 127.0.0.1',
        `rtp_ports ${options.rtpPorts[0]}-${options.rtpPorts[1]}`,
        `audio_source aufile,${options.audioFile}`,
        'module_path /usr/lib/baresip/modules',
        modules,
        'module aufile.so',
        'module sndfile.so',
        'module_tmp account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${options.ctrlPort}`,
        `snd_path ${join(options.dir, 'rec')}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(options.dir, 'accounts'),
      `${options.account ?? `<sip:peer@127.0.0.1:${options.sipPort}>;regint=0;answermode=auto`}\n`,
    );
    const child = spawn('baresip', ['-f', options.dir], { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const baresip = new Baresip(options, child);
    // Kept (the last 64 KB) for assertions such as which codec baresip chose ("Set audio decoder: …").
    const keep = (data: Buffer) => (baresip.log = (baresip.log + data.toString('utf8')).slice(-65_536));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await baresip.connect();
    return baresip;
  }

  private async connect(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        this.socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(this.options.ctrlPort, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        break;
      } catch (error) {
        if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`baresip did not start: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.socket.setEncoding('utf8');
    this.socket.on('data', (data: string) => this.onData(data));
    this.socket.on('error', () => {});
  }

  private onData(data: string): void {
    this.buffer += data;
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.slice(0, colon));
      if (this.buffer.length < colon + 1 + length + 1) return;
      const json = this.buffer.slice(colon + 1, colon + 1 + length);
      this.buffer = this.buffer.slice(colon + 1 + length + 1);
      const message = JSON.parse(json) as Record<string, unknown>;
      if (message.event) {
        const event = message as BaresipEvent;
        this.events.push(event);
        this.emit('event', event);
      } else if (message.response && typeof message.token === 'string') {
        this.pending.get(message.token)?.(message);
        this.pending.delete(message.token);
      }
    }
  }

  command(command: string, params = ''): Promise<Record<string, unknown>> {
    const token = `t${++this.token}`;
    const json = JSON.stringify({ command, params, token });
    this.socket.write(`${Buffer.byteLength(json)}:${json},`);
    return new Promise((resolve) => this.pending.set(token, resolve));
  }

  /** Resolves with the first event of `type` (already seen or future), rejects after timeoutMs. */
  waitFor(type: string, timeoutMs = 15_000): Promise<BaresipEvent> {
    const seen = this.events.find((e) => e.type === type);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('event', on);
        reject(new Error(`baresip: no ${type} within ${timeoutMs} ms (saw ${this.events.map((e) => e.type).join(', ')})`));
      }, timeoutMs);
      const on = (event: BaresipEvent) => {
        if (event.type !== type) return;
        clearTimeout(timer);
        this.off('event', on);
        resolve(event);
      };
      this.on('event', on);
    });
  }

  /** What baresip printed (stdout and stderr, the last 64 KB). */
  output(): string {
    return this.log;
  }

  /** Paths of the WAVs with what baresip heard (decoded), oldest first. */
  heardRecordings(): string[] {
    const dir = join(this.options.dir, 'rec');
    return readdirSync(dir).filter((f) => f.endsWith('-dec.wav')).sort().map((f) => join(dir, f));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await Promise.race([this.command('quit'), new Promise((r) => setTimeout(r, 1000))]);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.socket?.destroy();
  }
}
