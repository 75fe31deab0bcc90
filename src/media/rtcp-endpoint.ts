// A session's RTCP state: builds our compound report (SR when we sent, else RR; report block about
// the remote source with LSR/DLSR; SDES CNAME; BYE at the end) and turns the peer's reports into
// RtcpReport events with the round-trip time and its view of our stream.
import { randomBytes } from 'node:crypto';
import type { ReceivePath } from './receive-path.js';
import {
  buildBye, buildReceiverReport, buildSdes, buildSenderReport, compactNtp, ntpNow, roundTripMs,
  type ReportBlock, type RtcpPacket, type SenderInfo,
} from './rtcp.js';
import type { SendPath } from './send-path.js';

export interface RtcpReport {
  /** SSRC of the reporting peer. */
  ssrc: number;
  kind: 'sr' | 'rr' | 'bye';
  sender?: SenderInfo;
  /** The peer's report block about our stream. */
  aboutUs?: ReportBlock;
  roundTripMs?: number;
  cname?: string;
  byeReason?: string;
}

/** The peer's latest view of our stream. */
export interface RemoteFigures {
  fractionLost: number;
  cumulativeLost: number;
  jitterMs: number;
  roundTripMs?: number;
}

export class RtcpEndpoint {
  readonly cname = `frontdesk-${randomBytes(6).toString('hex')}`;
  lastRemote: RemoteFigures | undefined;
  private lastSrFromPeer: { compact: number; arrivalMs: number } | undefined;

  /** `local` tells which SSRC is ours and the RTP clock rate of what we send. */
  constructor(private readonly local: () => { ssrc: number; clockRate: number } | undefined) {}

  receive(packets: RtcpPacket[]): RtcpReport[] {
    const arrivalMs = performance.now();
    const now = ntpNow();
    const arrival = compactNtp(now.seconds, now.fraction);
    const local = this.local();
    let cname: string | undefined;
    for (const packet of packets) if (packet.type === 'sdes') cname = packet.chunks[0]?.cname ?? cname;
    const reports: RtcpReport[] = [];
    for (const packet of packets) {
      if (packet.type === 'sdes') continue;
      if (packet.type === 'bye') {
        reports.push({ ssrc: packet.ssrcs[0] ?? 0, kind: 'bye', ...(packet.reason ? { byeReason: packet.reason } : {}) });
        continue;
      }
      if (packet.type === 'sr') {
        this.lastSrFromPeer = { compact: compactNtp(packet.sender.ntpSeconds, packet.sender.ntpFraction), arrivalMs };
      }
      const aboutUs = packet.reports.find((block) => block.ssrc === local?.ssrc);
      const rtt = aboutUs ? roundTripMs(aboutUs, arrival) : undefined;
      if (aboutUs && local) {
        this.lastRemote = {
          fractionLost: aboutUs.fractionLost / 256, cumulativeLost: aboutUs.cumulativeLost,
          jitterMs: (aboutUs.jitter * 1000) / local.clockRate, ...(rtt !== undefined ? { roundTripMs: rtt } : {}),
        };
      }
      reports.push({
        ssrc: packet.ssrc, kind: packet.type, ...(packet.type === 'sr' ? { sender: packet.sender } : {}),
        ...(aboutUs ? { aboutUs } : {}), ...(rtt !== undefined ? { roundTripMs: rtt } : {}), ...(cname ? { cname } : {}),
      });
    }
    return reports;
  }

  /** Our periodic compound: SR (or RR before we sent anything) + SDES. */
  compound(sender: SendPath, receiver: ReceivePath, remoteSsrc: number | undefined): Buffer {
    const blocks: ReportBlock[] = [];
    if (remoteSsrc !== undefined && receiver.stats.received > 0) {
      const sr = this.lastSrFromPeer;
      blocks.push({
        ssrc: remoteSsrc, ...receiver.stats.reportBlock(),
        lastSr: sr?.compact ?? 0,
        delaySinceLastSr: sr ? Math.round(((performance.now() - sr.arrivalMs) / 1000) * 65536) >>> 0 : 0,
      });
    }
    const now = ntpNow();
    const head = sender.packetsSent > 0
      ? buildSenderReport(sender.ssrc, {
          ntpSeconds: now.seconds, ntpFraction: now.fraction, rtpTimestamp: sender.timestamp,
          packetCount: sender.packetsSent, octetCount: sender.octetsSent,
        }, blocks)
      : buildReceiverReport(sender.ssrc, blocks);
    return Buffer.concat([head, buildSdes(sender.ssrc, this.cname)]);
  }

  goodbye(ssrc: number): Buffer {
    return Buffer.concat([buildReceiverReport(ssrc), buildSdes(ssrc, this.cname), buildBye(ssrc)]);
  }
}
