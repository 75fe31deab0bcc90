// A session's RTCP state: builds our compound report (SR when we sent, else RR; report block about
// the remote source with LSR/DLSR; SDES CNAME; BYE at the end) and turns the peer's reports into
// RtcpReport events with the round-trip time and its view of our stream.
import { randomBytes } from 'node:crypto';
import { buildBye, buildReceiverReport, buildSdes, buildSenderReport, compactNtp, ntpNow, roundTripMs, } from './rtcp.js';
export class RtcpEndpoint {
    local;
    cname = `frontdesk-${randomBytes(6).toString('hex')}`;
    lastRemote;
    lastSrFromPeer;
    /** `local` tells which SSRC is ours and the RTP clock rate of what we send. */
    constructor(local) {
        this.local = local;
    }
    receive(packets) {
        const arrivalMs = performance.now();
        const now = ntpNow();
        const arrival = compactNtp(now.seconds, now.fraction);
        const local = this.local();
        let cname;
        for (const packet of packets)
            if (packet.type === 'sdes')
                cname = packet.chunks[0]?.cname ?? cname;
        const reports = [];
        for (const packet of packets) {
            if (packet.type === 'sdes')
                continue;
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
    compound(sender, receiver, remoteSsrc) {
        const blocks = [];
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
    goodbye(ssrc) {
        return Buffer.concat([buildReceiverReport(ssrc), buildSdes(ssrc, this.cname), buildBye(ssrc)]);
    }
}
//# sourceMappingURL=rtcp-endpoint.js.map