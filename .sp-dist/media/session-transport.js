import { isIP } from 'node:net';
import { parseRtcp } from './rtcp.js';
import { RtcpEndpoint } from './rtcp-endpoint.js';
import { looksLikeRtcp, parseRtp } from './rtp.js';
const SOURCE_SILENT_MS = 500; // after this long without packets a new address or SSRC may take over
/** c=IN IP4 0.0.0.0 is old-style hold: nowhere to send. */
const isUnspecified = (address) => address === '0.0.0.0' || address === '::';
export class SessionTransport {
    pair;
    ports;
    log;
    transform;
    onRtp = () => 'unknown-pt';
    onRtcp = () => undefined;
    onNewSource = () => undefined;
    remoteSsrc;
    remote;
    latched;
    latchedRtcp;
    lastPacketMs = -Infinity;
    packetsReceived = 0;
    bytesReceived = 0;
    dropped = { malformed: 0, unknownPayloadType: 0, unprotectFailed: 0, foreign: 0, unconfigured: 0 };
    rtcp;
    rtcpIntervalTicks;
    rtcpPhase;
    closed = false;
    socketErrors = 0;
    lastErrorLogMs = -Infinity;
    constructor(pair, ports, log, localStream, rtcpIntervalMs = 5000) {
        this.pair = pair;
        this.ports = ports;
        this.log = log;
        this.rtcp = new RtcpEndpoint(localStream);
        this.rtcpIntervalTicks = Math.max(1, Math.round(rtcpIntervalMs / 20));
        this.rtcpPhase = Math.floor(Math.random() * this.rtcpIntervalTicks); // spreads 1,000 calls' reports
        pair.rtp.on('message', (message, rinfo) => this.receiveRtp(message, rinfo));
        pair.rtcp.on('message', (message, rinfo) => this.receiveRtcp(message, rinfo));
        for (const socket of [pair.rtp, pair.rtcp])
            socket.on('error', (error) => this.onSocketError(error));
    }
    /** Send errors repeat every 20 ms while they last (unreachable peer, wrong family): log one per 5 s. */
    onSocketError(error) {
        this.socketErrors++;
        const now = performance.now();
        if (now - this.lastErrorLogMs < 5000)
            return;
        this.lastErrorLogMs = now;
        this.log.warn({ err: error, count: this.socketErrors }, 'media socket error');
    }
    get rtpPort() {
        return this.pair.rtpPort;
    }
    get rtcpPort() {
        return this.pair.rtcpPort;
    }
    setRemote(remote) {
        if (!isIP(remote.address))
            throw new RangeError(`remote media address must be an IP address, got ${JSON.stringify(remote.address)}`);
        const validPort = (port) => Number.isInteger(port) && port > 0 && port < 65536;
        if (!validPort(remote.port) || !validPort(remote.rtcpPort))
            throw new RangeError(`invalid remote media port ${remote.port}/${remote.rtcpPort}`);
        const changed = this.remote && (this.remote.address !== remote.address || this.remote.port !== remote.port);
        this.remote = remote;
        if (changed)
            this.latched = this.latchedRtcp = undefined; // re-INVITE moved the media: relearn
    }
    sendRtp(packet) {
        const to = this.latched ?? this.remote;
        if (!to || this.closed || isUnspecified(to.address))
            return;
        const wire = this.transform ? this.transform.protectRtp(packet) : packet;
        this.pair.rtp.send(wire, to.port, to.address);
    }
    maybeSendRtcp(tick, sender, receiver) {
        if (tick % this.rtcpIntervalTicks === this.rtcpPhase)
            this.sendRtcp(this.rtcp.compound(sender, receiver, this.remoteSsrc));
    }
    stats(sender, receiver) {
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
    close(sender) {
        if (this.closed)
            return;
        let sent;
        const byeSent = new Promise((resolve) => (sent = resolve));
        const bye = sender && this.sendRtcp(this.rtcp.goodbye(sender.ssrc), sent);
        this.closed = true;
        this.ports.release(this.pair, bye ? byeSent : undefined);
    }
    receiveRtp(message, rinfo) {
        if (looksLikeRtcp(message))
            return this.receiveRtcp(message, rinfo); // rtcp-mux peers
        const clear = this.transform ? this.transform.unprotectRtp(message) : message;
        if (!clear)
            return void this.dropped.unprotectFailed++;
        const parsed = parseRtp(clear);
        if (!parsed.ok)
            return void this.dropped.malformed++;
        const packet = parsed.packet;
        const nowMs = performance.now();
        if (!this.acceptSource(packet, rinfo, nowMs))
            return void this.dropped.foreign++;
        if (!this.remote)
            return void this.dropped.unconfigured++;
        const disposition = this.onRtp(packet, nowMs);
        if (disposition === 'unknown-pt')
            return void this.dropped.unknownPayloadType++;
        if (disposition === 'bad-payload')
            return void this.dropped.malformed++;
        this.packetsReceived++;
        this.bytesReceived += packet.payload.length;
    }
    /** Symmetric RTP: follow the packets' source; a different source or SSRC takes over only once the
     *  current one has gone quiet (or with a marker bit, a new talkspurt), so strays cannot hijack the call. */
    acceptSource(packet, rinfo, nowMs) {
        const quiet = nowMs - this.lastPacketMs > SOURCE_SILENT_MS;
        const sameAddress = this.latched?.address === rinfo.address && this.latched.port === rinfo.port;
        if (this.latched && !sameAddress && !quiet)
            return false;
        if (!sameAddress)
            this.latched = { address: rinfo.address, port: rinfo.port };
        if (this.remoteSsrc !== packet.ssrc) {
            if (this.remoteSsrc !== undefined && !quiet && !packet.marker)
                return false;
            const first = this.remoteSsrc === undefined;
            this.remoteSsrc = packet.ssrc;
            if (!first)
                this.onNewSource();
        }
        this.lastPacketMs = nowMs;
        return true;
    }
    receiveRtcp(message, rinfo) {
        const clear = this.transform ? this.transform.unprotectRtcp(message) : message;
        if (!clear)
            return void this.dropped.unprotectFailed++;
        const parsed = parseRtcp(clear);
        if (!parsed.ok)
            return void this.dropped.malformed++;
        this.latchedRtcp = { address: rinfo.address, port: rinfo.port };
        for (const report of this.rtcp.receive(parsed.packets))
            this.onRtcp(report);
    }
    /** Returns whether the packet went to the socket (`done` then runs once it is handed to the kernel). */
    sendRtcp(packet, done) {
        const to = this.latchedRtcp ?? (this.remote && { address: this.latched?.address ?? this.remote.address, port: this.remote.rtcpPort });
        if (!to || this.closed || isUnspecified(to.address))
            return false;
        const wire = this.transform ? this.transform.protectRtcp(packet) : packet;
        this.pair.rtcp.send(wire, to.port, to.address, () => done?.());
        return true;
    }
}
//# sourceMappingURL=session-transport.js.map