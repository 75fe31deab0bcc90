// A session's sockets: symmetric-RTP latching, SSRC tracking, the SRTP transform hook, counting and
// dropping bad packets (never throwing), RTCP timing (every ~5 s, BYE on close; content in rtcp-endpoint.ts).
import type { RemoteInfo } from 'node:dgram';
import { isIP } from 'node:net';
import type { NegotiatedMedia } from './codec.js';
import type { PortAllocator, PortPair } from './ports.js';
import type { ReceivePath, RtpDisposition } from './receive-path.js';
import { parseRtcp } from './rtcp.js';
import { RtcpEndpoint, type RemoteFigures, type RtcpReport } from './rtcp-endpoint.js';
import { looksLikeRtcp, parseRtp, type RtpPacket } from './rtp.js';
import type { SendPath } from './send-path.js';
import type { Logger } from '../log.js';

export interface PacketTransform {
  protectRtp(packet: Buffer): Buffer;
  unprotectRtp(packet: Buffer): Buffer | null;
  protectRtcp(packet: Buffer): Buffer;
  unprotectRtcp(packet: Buffer): Buffer | null;
}

export type { RtcpReport } from './rtcp-endpoint.js';

export interface MediaStats {
  packetsSent: number;
  bytesSent: number;
  packetsReceived: number;
  bytesReceived: number;
  /** Cumulative loss of the current remote source (RFC 3550). */
  packetsLost: number;
  jitterMs: number;
  /** Dropped input: malformed, unknown payload type, failed unprotect, foreign source, before configure. */
  dropped: { malformed: number; unknownPayloadType: number; unprotectFailed: number; foreign: number; unconfigured: number };
  late: number;
  duplicate: number;
  concealedFrames: number;
  remote?: RemoteFigures;
}

const SOURCE_SILENT_MS = 500; // after this long without packets a new address or SSRC may take over

/** c=IN IP4 0.0.0.0 is old-style hold: nowhere to send. */
const isUnspecified = (address: string): boolean => address === '0.0.0.0' || address === '::';

export class SessionTransport {
  transform: PacketTransform | undefined;
  onRtp: (packet: RtpPacket, nowMs: number) => RtpDisposition = () => 'unknown-pt';
  onRtcp: (report: RtcpReport) => void = () => undefined;
  onNewSource: () => void = () => undefined;
  remoteSsrc: number | undefined;
  private remote: { address: string; port: number; rtcpPort: number } | undefined;
  private latched: { address: string; port: number } | undefined;
  private latchedRtcp: { address: string; port: number } | undefined;
  private lastPacketMs = -Infinity;
  private packetsReceived = 0;
  private bytesReceived = 0;
  private readonly dropped = { malformed: 0, unknownPayloadType: 0, unprotectFailed: 0, foreign: 0, unconfigured: 0 };
  private readonly rtcp: RtcpEndpoint;
  private readonly rtcpIntervalTicks: number;
  private readonly rtcpPhase: number;
  private closed = false;
  private socketErrors = 0;
  private lastErrorLogMs = -Infinity;

  constructor(
    private readonly pair: PortPair,
    private readonly ports: PortAllocator,
    private readonly log: Logger,
    localStream: () => { ssrc: number; clockRate: number } | undefined,
    rtcpIntervalMs = 5000,
  ) {
    this.rtcp = new RtcpEndpoint(localStream);
    this.rtcpIntervalTicks = Math.max(1, Math.round(rtcpIntervalMs / 20));
    this.rtcpPhase = Math.floor(Math.random() * this.rtcpIntervalTicks); // spreads 1,000 calls' reports
    pair.rtp.on('message', (message, rinfo) => this.receiveRtp(message, rinfo));
    pair.rtcp.on('message', (message, rinfo) => this.receiveRtcp(message, rinfo));
    for (const socket of [pair.rtp, pair.rtcp]) socket.on('error', (error) => this.onSocketError(error));
  }

  /** Send errors repeat every 20 ms while they last (unreachable peer, wrong family): log one per 5 s. */
  private onSocketError(error: Error): void {
    this.socketErrors++;
    const now = performance.now();
    if (now - this.lastErrorLogMs < 5000) return;
    this.lastErrorLogMs = now;
    this.log.warn({ err: error, count: this.socketErrors }, 'media socket error');
  }

  get rtpPort(): number {
    return this.pair.rtpPort;
  }

  get rtcpPort(): number {
    return this.pair.rtcpPort;
  }

  setRemote(remote: NegotiatedMedia['remote']): void {
    if (!isIP(remote.address)) throw new RangeError(`remote media address must be an IP address, got ${JSON.stringify(remote.address)}`);
    const validPort = (port: number) => Number.isInteger(port) && port > 0 && port < 65536;
    if (!validPort(remote.port) || !validPort(remote.rtcpPort)) throw new RangeError(`invalid remote media port ${remote.port}/${remote.rtcpPort}`);
    const changed = this.remote && (this.remote.address !== remote.address || this.remote.port !== remote.port);
    this.remote = remote;
    if (changed) this.latched = this.latchedRtcp = undefined; // re-INVITE moved the media: relearn
  }

  sendRtp(packet: Buffer): void {
    const to = this.latched ?? this.remote;
    if (!to || this.closed || isUnspecified(to.address)) return;
    const wire = this.transform ? this.transform.protectRtp(packet) : packet;
    this.pair.rtp.send(wire, to.port, to.address);
  }

  maybeSendRtcp(tick: number, sender: SendPath, receiver: ReceivePath): void {
    if (tick % this.rtcpIntervalTicks === this.rtcpPhase) this.sendRtcp(this.rtcp.compound(sender, receiver, this.remoteSsrc));
  }

  stats(sender: SendPath | undefined, receiver: ReceivePath | undefined): MediaStats {
    return {
      packetsSent: sender?.packetsSent ?? 0,
      bytesSent: sender?.octetsSent ?? 0,
      packetsReceived: this.packetsReceived,
      bytesReceived: this.bytesReceived,
      packetsLost: Math.max(0, receiver?.stats.lost ?? 0),
      jitterMs: receiver?.stats.jitterMs ?? 0,
      dropped: { ...this.dropped },
      late: receiver?.jitter.counters.late ?? 0,
      duplicate: receiver?.jitter.counters.duplicate ?? 0,
      concealedFrames: receiver?.concealedFrames ?? 0,
      ...(this.rtcp.lastRemote ? { remote: this.rtcp.lastRemote } : {}),
    };
  }

  /** RTCP BYE, then the ports go back to the allocator; idempotent. */
  close(sender: SendPath | undefined): void {
    if (this.closed) return;
    let sent: (() => void) | undefined;
    const byeSent = new Promise<void>((resolve) => (sent = resolve));
    const bye = sender && this.sendRtcp(this.rtcp.goodbye(sender.ssrc), sent);
    this.closed = true;
    this.ports.release(this.pair, bye ? byeSent : undefined);
  }

  private receiveRtp(message: Buffer, rinfo: RemoteInfo): void {
    if (looksLikeRtcp(message)) return this.receiveRtcp(message, rinfo); // rtcp-mux peers
    const clear = this.transform ? this.transform.unprotectRtp(message) : message;
    if (!clear) return void this.dropped.unprotectFailed++;
    const parsed = parseRtp(clear);
    if (!parsed.ok) return void this.dropped.malformed++;
    const packet = parsed.packet;
    const nowMs = performance.now();
    if (!this.acceptSource(packet, rinfo, nowMs)) return void this.dropped.foreign++;
    if (!this.remote) return void this.dropped.unconfigured++;
    const disposition = this.onRtp(packet, nowMs);
    if (disposition === 'unknown-pt') return void this.dropped.unknownPayloadType++;
    if (disposition === 'bad-payload') return void this.dropped.malformed++;
    this.packetsReceived++;
    this.bytesReceived += packet.payload.length;
  }

  /** Symmetric RTP: follow the packets' source; a different source or SSRC takes over only once the
   *  current one has gone quiet (or with a marker bit, a new talkspurt), so strays cannot hijack the call. */
  private acceptSource(packet: RtpPacket, rinfo: RemoteInfo, nowMs: number): boolean {
    const quiet = nowMs - this.lastPacketMs > SOURCE_SILENT_MS;
    const sameAddress = this.latched?.address === rinfo.address && this.latched.port === rinfo.port;
    if (this.latched && !sameAddress && !quiet) return false;
    if (!sameAddress) this.latched = { address: rinfo.address, port: rinfo.port };
    if (this.remoteSsrc !== packet.ssrc) {
      if (this.remoteSsrc !== undefined && !quiet && !packet.marker) return false;
      const first = this.remoteSsrc === undefined;
      this.remoteSsrc = packet.ssrc;
      if (!first) this.onNewSource();
    }
    this.lastPacketMs = nowMs;
    return true;
  }

  private receiveRtcp(message: Buffer, rinfo: RemoteInfo): void {
    const clear = this.transform ? this.transform.unprotectRtcp(message) : message;
    if (!clear) return void this.dropped.unprotectFailed++;
    const parsed = parseRtcp(clear);
    if (!parsed.ok) return void this.dropped.malformed++;
    this.latchedRtcp = { address: rinfo.address, port: rinfo.port };
    for (const report of this.rtcp.receive(parsed.packets)) this.onRtcp(report);
  }

  /** Returns whether the packet went to the socket (`done` then runs once it is handed to the kernel). */
  private sendRtcp(packet: Buffer, done?: () => void): boolean {
    const to = this.latchedRtcp ?? (this.remote && { address: this.latched?.address ?? this.remote.address, port: this.remote.rtcpPort });
    if (!to || this.closed || isUnspecified(to.address)) return false;
    const wire = this.transform ? this.transform.protectRtcp(packet) : packet;
    this.pair.rtcp.send(wire, to.port, to.address, () => done?.());
    return true;
  }
}
