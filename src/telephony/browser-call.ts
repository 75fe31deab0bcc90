// A call from the dashboard's "Call the assistant" button: microphone audio arrives as 16-bit PCM at
// 8 kHz over a WebSocket and is paced out as 20 ms 'audio' frames on the shared media clock; what the
// assistant plays is resampled, framed and paced back over the socket. Implements the Call seam.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { sharedClock, type PacingClock } from '../media/clock.js';
import { PlayQueue } from '../media/play-queue.js';
import { CALL_SAMPLE_RATE, FRAME_SAMPLES, type PcmSource } from '../media/pcm.js';
import { logger as makeLogger, type Logger } from '../log.js';
import type { Call, CallEvents, CallFacts, HangupBy, PlayOptions, PlayOutcome, TransferResult } from './call.js';

/** What the call needs from the socket (the web layer adapts a `ws` WebSocket to this). */
export interface AudioSocket {
  send(data: Buffer | string): void;
  close(code?: number, reason?: string): void;
}

export interface BrowserCallOptions {
  socket: AudioSocket;
  peer: { address: string; port: number };
  /** The number the page asked to call as (to try the assistant as a known customer); else "browser". */
  callAs?: string;
  userAgent?: string;
  clock?: Pick<PacingClock, 'subscribe'>;
  logger?: Logger;
}

/** Frames of caller audio held before pacing starts (absorbs network bursts), and at most. */
const PREBUFFER_FRAMES = 3;
const MAX_INBOUND_FRAMES = 15;
/** Largest binary message accepted from the page: 200 ms. */
export const MAX_MESSAGE_BYTES = CALL_SAMPLE_RATE * 2 * 0.2;

export class BrowserCall extends EventEmitter<CallEvents> implements Call {
  readonly facts: CallFacts;
  private readonly socket: AudioSocket;
  private readonly unsubscribeClock: () => void;
  private ending = false;
  // caller → assistant
  private inbound: Int16Array[] = [];
  private partial = new Int16Array(0);
  private started = false;
  // assistant → caller: the same read-ahead play queue as RTP calls
  private readonly queue: PlayQueue;

  constructor(options: BrowserCallOptions) {
    super();
    this.socket = options.socket;
    const id = randomUUID();
    const user = options.callAs && /^\+?[0-9*#]{2,20}$/.test(options.callAs) ? options.callAs : 'browser';
    const headers: Record<string, string | undefined> = { 'user-agent': options.userAgent };
    this.facts = {
      id,
      direction: 'inbound',
      from: `"Browser" <sip:${user}@browser.invalid>`,
      to: '<sip:frontdesk@browser.invalid>',
      callId: `browser-${id}`,
      // Linear PCM over a WebSocket: there is no RTP payload type.
      codec: { name: 'L16', clockRate: CALL_SAMPLE_RATE, payloadType: -1 },
      peer: { address: options.peer.address, port: options.peer.port, transport: 'ws' },
      header: (name) => headers[name.toLowerCase()],
      startedAt: new Date(),
    };
    this.queue = new PlayQueue(CALL_SAMPLE_RATE, options.logger ?? makeLogger('browser-call', { callId: id }));
    this.unsubscribeClock = (options.clock ?? sharedClock).subscribe(() => this.tick());
    this.sendControl({ type: 'start', callId: id, sampleRate: CALL_SAMPLE_RATE, frameSamples: FRAME_SAMPLES });
  }

  get ended(): boolean {
    return this.ending;
  }

  get isPlaying(): boolean {
    return this.queue.isPlaying;
  }

  /** A message from the page: binary = PCM16LE at 8 kHz, text = JSON control. Returns an error text for bad input. */
  receive(data: Buffer, isBinary: boolean): string | undefined {
    if (this.ending) return undefined;
    if (isBinary) {
      if (data.length % 2 !== 0 || data.length > MAX_MESSAGE_BYTES) return 'audio messages must be whole 16-bit samples, at most 200 ms';
      const samples = new Int16Array(data.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2);
      this.pushInbound(samples);
      return undefined;
    }
    let message: { type?: unknown; digit?: unknown };
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch {
      return 'control messages must be JSON';
    }
    if (message.type === 'hangup') {
      this.end('remote', 'the browser hung up');
    } else if (message.type === 'dtmf' && typeof message.digit === 'string' && /^[0-9*#A-D]$/.test(message.digit)) {
      this.emit('dtmf', { digit: message.digit, source: 'sip-info', durationMs: 100 });
    } else {
      return `unknown control message ${JSON.stringify(message.type ?? null)}`;
    }
    return undefined;
  }

  /** The socket closed (page left, network gone). */
  socketClosed(): void {
    this.end('remote', 'the browser connection closed');
  }

  private pushInbound(samples: Int16Array): void {
    const joined = new Int16Array(this.partial.length + samples.length);
    joined.set(this.partial);
    joined.set(samples, this.partial.length);
    let offset = 0;
    for (; offset + FRAME_SAMPLES <= joined.length; offset += FRAME_SAMPLES) this.inbound.push(joined.slice(offset, offset + FRAME_SAMPLES));
    this.partial = joined.slice(offset);
    // The page's clock and ours drift apart: drop the oldest audio rather than let latency grow.
    if (this.inbound.length > MAX_INBOUND_FRAMES) this.inbound.splice(0, this.inbound.length - PREBUFFER_FRAMES);
  }

  private tick(): void {
    if (this.ending) return;
    if (!this.started && this.inbound.length >= PREBUFFER_FRAMES) this.started = true;
    if (this.started) {
      // An underrun (network hiccup) becomes silence so the assistant's timers keep running.
      const samples = this.inbound.shift() ?? new Int16Array(FRAME_SAMPLES);
      this.emit('audio', { samples, sampleRate: CALL_SAMPLE_RATE });
    }
    this.sendFrame();
  }

  play(source: PcmSource, options: PlayOptions = {}): Promise<PlayOutcome> {
    if (this.ending) return Promise.resolve('hangup');
    return this.queue.enqueue(source, options);
  }

  private sendFrame(): void {
    const frame = this.queue.take(FRAME_SAMPLES);
    // take() may lend a view of the source's buffer: copy, since the socket sends later.
    if (frame) this.socket.send(Buffer.from(Int16Array.from(frame).buffer));
  }

  stopPlayback(): void {
    if (!this.queue.isPlaying) return;
    this.queue.stop();
    // The page holds ~60 ms of audio of its own: tell it to drop that too.
    this.sendControl({ type: 'stop-playback' });
  }

  async sendDtmf(digits: string): Promise<void> {
    if (!/^[0-9*#A-D]*$/.test(digits)) throw new Error(`invalid DTMF digits "${digits}"`);
    this.sendControl({ type: 'dtmf', digits });
  }

  async transfer(): Promise<TransferResult> {
    return { ok: false, reason: 'not supported from a browser call' };
  }

  async hangup(reason = 'the assistant hung up'): Promise<void> {
    this.end('local', reason);
  }

  private end(by: HangupBy, reason: string): void {
    if (this.ending) return;
    this.ending = true;
    this.unsubscribeClock();
    this.queue.close();
    this.sendControl({ type: 'hangup', by, reason });
    try {
      this.socket.close(1000, 'call ended');
    } catch {
      // already closed
    }
    this.emit('hangup', { by, reason });
  }

  private sendControl(message: Record<string, unknown>): void {
    try {
      this.socket.send(JSON.stringify(message));
    } catch {
      // the socket is gone; socketClosed() ends the call
    }
  }
}
