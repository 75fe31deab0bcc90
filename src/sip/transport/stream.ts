// One TCP or TLS connection carrying SIP: frames the byte stream, answers RFC 5626 pings, closes
// itself when idle, when the stream cannot be framed, or when the peer half-closes.
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { StreamFramer } from '../framing.js';
import type { TransportKind } from './types.js';

export interface StreamLimits {
  maxMessageBytes: number;
  /** Closed after this long without traffic either way. */
  idleMs: number;
}

export class StreamConnection extends EventEmitter<{
  message: [Buffer];
  /** The stream broke (garbage, oversize); the connection closes right after. */
  garbage: [string];
  close: [];
}> {
  readonly address: string;
  readonly port: number;
  private readonly framer: StreamFramer;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly id: string,
    readonly transport: TransportKind,
    private readonly socket: Socket,
    private readonly limits: StreamLimits,
  ) {
    super();
    this.address = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    this.port = socket.remotePort ?? 0;
    this.framer = new StreamFramer({ maxBytes: limits.maxMessageBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('end', () => this.close());
    socket.on('close', () => this.close());
    this.touch();
  }

  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  write(data: Buffer): Promise<void> {
    if (!this.isOpen) return Promise.reject(new Error('connection closed'));
    this.touch();
    return new Promise((resolve, reject) => {
      this.socket.write(data, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.socket.destroy();
    this.emit('close');
  }

  private onData(chunk: Buffer): void {
    this.touch();
    for (const event of this.framer.push(chunk)) {
      if (event.kind === 'message') this.emit('message', event.data);
      else if (event.kind === 'ping') this.socket.write('\r\n');
      else if (event.kind === 'error') {
        this.emit('garbage', event.error);
        this.close();
        return;
      }
    }
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), this.limits.idleMs);
    this.idleTimer.unref();
  }
}
