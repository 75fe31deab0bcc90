// MediaSession: one call's RTP/RTCP endpoint — the seam the SIP layer drives (configure from SDP, play,
// DTMF, SRTP hook, stats) and the source of steady 8 kHz 'audio' frames, paced by the shared clock.
// Socket handling and RTCP live in session-transport.ts; stream logic in send-path.ts / receive-path.ts.
import { EventEmitter } from 'node:events';
import type { NegotiatedMedia } from './codec.js';
import { sharedClock, type PacingClock } from './clock.js';
import { DtmfDeduper } from './dtmf/dedupe.js';
import { InbandDtmfDetector } from './dtmf/goertzel.js';
import { dtmfToneSource } from './dtmf/tones.js';
import { PlayQueue } from './play-queue.js';
import { CALL_SAMPLE_RATE, type PcmChunk, type PcmSource } from './pcm.js';
import type { PortAllocator } from './ports.js';
import { ReceivePath } from './receive-path.js';
import { SendPath } from './send-path.js';
import { SessionTransport, type MediaStats, type PacketTransform, type RtcpReport } from './session-transport.js';
import { logger as makeLogger, type Logger } from '../log.js';
import { rtpJitter, rtpLoss } from '../metrics.js';
import type { DtmfEvent, PlayOptions, PlayOutcome } from '../telephony/call.js';

export type { MediaStats, PacketTransform, RtcpReport } from './session-transport.js';

export interface MediaSessionOptions {
  localAddress: string;
  ports: PortAllocator;
  jitterBufferMs?: number;
  logger?: Logger;
  /** RTCP report interval (default 5 s). */
  rtcpIntervalMs?: number;
  /** Tests and benches may pace on their own clock; production uses the shared one. */
  clock?: PacingClock;
}

export class MediaSession extends EventEmitter<{ audio: [PcmChunk]; dtmf: [DtmfEvent]; rtcp: [RtcpReport] }> {
  readonly localPort: number;
  readonly localRtcpPort: number;
  private readonly transport: SessionTransport;
  private readonly queue: PlayQueue;
  private readonly dedupe = new DtmfDeduper();
  private readonly digitsIn: { digit: string; durationMs: number }[] = []; // RFC 4733 digits, emitted on the next tick
  private readonly jitterBufferMs: number;
  private readonly log: Logger;
  private media: NegotiatedMedia | undefined;
  private sender: SendPath | undefined;
  private receiver: ReceivePath | undefined;
  private inband: InbandDtmfDetector | undefined;
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private listenerFailed = false;

  static async open(options: MediaSessionOptions): Promise<MediaSession> {
    const log = options.logger ?? makeLogger('media');
    const pair = await options.ports.allocate(options.localAddress);
    let session: MediaSession | undefined;
    const localStream = () => session?.sender && { ssrc: session.sender.ssrc, clockRate: session.sender.rtpClockRate };
    session = new MediaSession(options, new SessionTransport(pair, options.ports, log, localStream, options.rtcpIntervalMs), log);
    return session;
  }

  private constructor(options: MediaSessionOptions, transport: SessionTransport, log: Logger) {
    super();
    this.transport = transport;
    this.log = log;
    this.localPort = transport.rtpPort;
    this.localRtcpPort = transport.rtcpPort;
    this.jitterBufferMs = options.jitterBufferMs ?? 120;
    this.queue = new PlayQueue(CALL_SAMPLE_RATE, log);
    transport.onRtp = (packet, nowMs) => this.receiver?.receive(packet, nowMs, this.digitsIn) ?? 'unknown-pt';
    transport.onRtcp = (report) => this.emit('rtcp', report);
    transport.onNewSource = () => this.media && this.useReceiver(new ReceivePath(this.media, this.jitterBufferMs), this.media);
    const clock = options.clock ?? sharedClock;
    const slot = clock.pickSlot(); // this call's fixed place in the period: sends stay evenly spaced
    const stopSending = clock.subscribe((tick) => this.onSendTick(tick), 0, slot);
    const stopReceiving = clock.subscribe((tick) => this.onReceiveTick(tick), 1, slot);
    this.unsubscribe = () => (stopSending(), stopReceiving());
    log.debug({ rtpPort: this.localPort }, 'media session open');
  }

  get isPlaying(): boolean {
    return this.queue.isPlaying;
  }

  get remoteSsrc(): number | undefined {
    return this.transport.remoteSsrc;
  }

  configure(media: NegotiatedMedia): void {
    if (this.closed) return;
    const codecChanged = !this.media || JSON.stringify(this.media.codec) !== JSON.stringify(media.codec);
    const eventsChanged = JSON.stringify(this.media?.telephoneEvent) !== JSON.stringify(media.telephoneEvent);
    // Validated first: an unsupported codec or a bad address throws before any state has changed.
    const receiver = codecChanged || eventsChanged ? new ReceivePath(media, this.jitterBufferMs) : undefined;
    this.transport.setRemote(media.remote);
    this.media = media;
    if (!this.sender) this.sender = new SendPath(media);
    else this.sender.configure(media);
    this.queue.setRate(this.sender.codecRate);
    if (receiver) this.useReceiver(receiver, media);
  }

  play(source: PcmSource, options?: PlayOptions): Promise<PlayOutcome> {
    return this.queue.enqueue(source, options);
  }

  stopPlayback(): void {
    this.queue.stop();
  }

  async sendDtmf(digits: string): Promise<void> {
    if (!/^[0-9*#A-Da-d]*$/.test(digits)) throw new RangeError(`not DTMF digits: ${JSON.stringify(digits)}`);
    if (this.closed || !this.sender) return;
    if (this.sender.sendsDtmfAsEvents) return this.sender.queueDigits(digits);
    await this.queue.enqueue(dtmfToneSource(digits), { interruptible: false });
  }

  injectDtmf(event: DtmfEvent): void {
    if (this.dedupe.accept(event, performance.now())) this.emit('dtmf', event);
  }

  setTransform(transform: PacketTransform | undefined): void {
    this.transport.transform = transform;
  }

  stats(): MediaStats {
    return this.transport.stats(this.sender, this.receiver);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.recordMetrics();
    this.queue.close();
    this.sender?.cancelDigits();
    this.transport.close(this.sender);
    this.log.debug({ rtpPort: this.localPort, stats: this.stats() }, 'media session closed');
  }

  private recordMetrics(): void {
    const stats = this.receiver?.stats;
    if (!stats || stats.expected === 0) return;
    rtpLoss.observe(Math.max(0, stats.lost) / stats.expected);
    rtpJitter.observe(stats.jitterMs / 1000);
  }

  private useReceiver(receiver: ReceivePath, media: NegotiatedMedia): void {
    this.receiver = receiver;
    this.inband = media.telephoneEvent ? undefined : new InbandDtmfDetector();
  }

  private readonly sendRtp = (packet: Buffer): void => this.transport.sendRtp(packet);

  private onSendTick(tick: number): void {
    if (!this.media || !this.sender) return;
    const sending = this.media.direction === 'sendrecv' || this.media.direction === 'sendonly';
    this.sender.tick(tick, this.queue, sending, this.sendRtp);
  }

  private onReceiveTick(tick: number): void {
    if (!this.media || !this.sender || !this.receiver) return;
    const nowMs = performance.now();
    const frame = this.receiver.nextFrame(nowMs);
    const expired = this.receiver.expireDigits(nowMs);
    if (expired.length > 0) this.digitsIn.push(...expired);
    if (this.digitsIn.length > 0) for (const digit of this.digitsIn.splice(0)) this.injectDtmf({ ...digit, source: 'rfc4733' });
    const inbandDigit = this.inband?.process(frame);
    if (inbandDigit) this.injectDtmf({ ...inbandDigit, source: 'inband' });
    this.transport.maybeSendRtcp(tick, this.sender, this.receiver);
    try {
      this.emit('audio', { samples: frame, sampleRate: CALL_SAMPLE_RATE });
    } catch (error) {
      // A listener's bug must not stop the media; say so once, not 50 times a second.
      if (!this.listenerFailed) this.log.error({ err: error }, "an 'audio' listener threw; media continues");
      this.listenerFailed = true;
    }
  }
}
