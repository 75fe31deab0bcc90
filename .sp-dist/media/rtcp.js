// RTCP (RFC 3550 §6): build and parse compound packets of SR, RR, SDES (CNAME) and BYE; report
// blocks carry loss and jitter, and LSR/DLSR give the round-trip time. Other packet types are skipped.
const SR = 200;
const RR = 201;
const SDES = 202;
const BYE = 203;
const NTP_EPOCH_OFFSET = 2208988800; // seconds from 1900 to 1970
/** Wall-clock time in NTP format (RFC 3550 §4). */
export function ntpNow(nowMs = performance.timeOrigin + performance.now()) {
    const seconds = Math.floor(nowMs / 1000);
    return { seconds: (seconds + NTP_EPOCH_OFFSET) >>> 0, fraction: Math.floor(((nowMs - seconds * 1000) / 1000) * 2 ** 32) >>> 0 };
}
/** The middle 32 bits of an NTP timestamp, the unit of LSR and of RTT arithmetic. */
export function compactNtp(seconds, fraction) {
    return (((seconds & 0xffff) << 16) | (fraction >>> 16)) >>> 0;
}
/** Round trip from a report block about our stream, per RFC 3550 §6.4.1; undefined without an LSR. */
export function roundTripMs(block, arrivalCompactNtp) {
    if (block.lastSr === 0)
        return undefined;
    const rtt = (arrivalCompactNtp - block.lastSr - block.delaySinceLastSr) >>> 0;
    if (rtt > 0x7fffffff)
        return undefined;
    return (rtt / 65536) * 1000;
}
function header(buffer, offset, count, type, words) {
    buffer[offset] = 0x80 | (count & 0x1f);
    buffer[offset + 1] = type;
    buffer.writeUInt16BE(words - 1, offset + 2);
}
function writeBlock(buffer, offset, block) {
    buffer.writeUInt32BE(block.ssrc >>> 0, offset);
    buffer.writeUInt32BE((((block.fractionLost & 0xff) << 24) | (block.cumulativeLost & 0xffffff)) >>> 0, offset + 4);
    buffer.writeUInt32BE(block.extendedHighestSeq >>> 0, offset + 8);
    buffer.writeUInt32BE(block.jitter >>> 0, offset + 12);
    buffer.writeUInt32BE(block.lastSr >>> 0, offset + 16);
    buffer.writeUInt32BE(block.delaySinceLastSr >>> 0, offset + 20);
}
export function buildSenderReport(ssrc, sender, reports = []) {
    const buffer = Buffer.alloc(28 + 24 * reports.length);
    header(buffer, 0, reports.length, SR, buffer.length / 4);
    buffer.writeUInt32BE(ssrc >>> 0, 4);
    buffer.writeUInt32BE(sender.ntpSeconds >>> 0, 8);
    buffer.writeUInt32BE(sender.ntpFraction >>> 0, 12);
    buffer.writeUInt32BE(sender.rtpTimestamp >>> 0, 16);
    buffer.writeUInt32BE(sender.packetCount >>> 0, 20);
    buffer.writeUInt32BE(sender.octetCount >>> 0, 24);
    reports.forEach((block, i) => writeBlock(buffer, 28 + 24 * i, block));
    return buffer;
}
export function buildReceiverReport(ssrc, reports = []) {
    const buffer = Buffer.alloc(8 + 24 * reports.length);
    header(buffer, 0, reports.length, RR, buffer.length / 4);
    buffer.writeUInt32BE(ssrc >>> 0, 4);
    reports.forEach((block, i) => writeBlock(buffer, 8 + 24 * i, block));
    return buffer;
}
export function buildSdes(ssrc, cname) {
    const text = Buffer.from(cname.slice(0, 255), 'utf8').subarray(0, 255);
    const chunk = 4 + 2 + text.length + 1; // ssrc, CNAME item, end-of-list null
    const padded = Math.ceil(chunk / 4) * 4;
    const buffer = Buffer.alloc(4 + padded);
    header(buffer, 0, 1, SDES, buffer.length / 4);
    buffer.writeUInt32BE(ssrc >>> 0, 4);
    buffer[8] = 1; // CNAME
    buffer[9] = text.length;
    text.copy(buffer, 10);
    return buffer;
}
export function buildBye(ssrc, reason) {
    const text = reason ? Buffer.from(reason, 'utf8').subarray(0, 255) : undefined;
    const body = 4 + (text ? Math.ceil((1 + text.length) / 4) * 4 : 0);
    const buffer = Buffer.alloc(4 + body);
    header(buffer, 0, 1, BYE, buffer.length / 4);
    buffer.writeUInt32BE(ssrc >>> 0, 4);
    if (text) {
        buffer[8] = text.length;
        text.copy(buffer, 9);
    }
    return buffer;
}
function readBlocks(buffer, offset, count) {
    const blocks = [];
    for (let i = 0; i < count; i++, offset += 24) {
        const word = buffer.readUInt32BE(offset + 4);
        const lost = word & 0xffffff;
        blocks.push({
            ssrc: buffer.readUInt32BE(offset),
            fractionLost: word >>> 24,
            cumulativeLost: lost & 0x800000 ? lost - 0x1000000 : lost,
            extendedHighestSeq: buffer.readUInt32BE(offset + 8),
            jitter: buffer.readUInt32BE(offset + 12),
            lastSr: buffer.readUInt32BE(offset + 16),
            delaySinceLastSr: buffer.readUInt32BE(offset + 20),
        });
    }
    return blocks;
}
function readSdes(body, count) {
    const chunks = [];
    let offset = 0;
    for (let c = 0; c < count && offset + 4 <= body.length; c++) {
        const chunk = { ssrc: body.readUInt32BE(offset) };
        offset += 4;
        while (offset < body.length && body[offset] !== 0) {
            const type = body[offset];
            const length = body[offset + 1] ?? 0;
            if (offset + 2 + length > body.length)
                break;
            if (type === 1)
                chunk.cname = body.toString('utf8', offset + 2, offset + 2 + length);
            offset += 2 + length;
        }
        offset = (Math.floor(offset / 4) + 1) * 4; // skip the null terminator and padding
        chunks.push(chunk);
    }
    return chunks;
}
/** Parses a compound RTCP packet; a malformed one is rejected as a whole (RFC 3550 A.2). */
export function parseRtcp(buffer) {
    const packets = [];
    let offset = 0;
    if (buffer.length < 8)
        return { ok: false, reason: 'short' };
    while (offset < buffer.length) {
        if (offset + 4 > buffer.length)
            return { ok: false, reason: 'truncated header' };
        const first = buffer[offset];
        if (first >> 6 !== 2)
            return { ok: false, reason: 'version' };
        const count = first & 0x1f;
        const type = buffer[offset + 1];
        const length = (buffer.readUInt16BE(offset + 2) + 1) * 4;
        if (offset + length > buffer.length)
            return { ok: false, reason: 'length' };
        let end = offset + length;
        if (first & 0x20)
            end -= buffer[end - 1];
        if (end < offset + 4)
            return { ok: false, reason: 'padding' };
        const body = buffer.subarray(offset + 4, end);
        if (type === SR) {
            if (body.length < 24 + 24 * count)
                return { ok: false, reason: 'short SR' };
            packets.push({
                type: 'sr',
                ssrc: body.readUInt32BE(0),
                sender: {
                    ntpSeconds: body.readUInt32BE(4),
                    ntpFraction: body.readUInt32BE(8),
                    rtpTimestamp: body.readUInt32BE(12),
                    packetCount: body.readUInt32BE(16),
                    octetCount: body.readUInt32BE(20),
                },
                reports: readBlocks(body, 24, count),
            });
        }
        else if (type === RR) {
            if (body.length < 4 + 24 * count)
                return { ok: false, reason: 'short RR' };
            packets.push({ type: 'rr', ssrc: body.readUInt32BE(0), reports: readBlocks(body, 4, count) });
        }
        else if (type === SDES) {
            packets.push({ type: 'sdes', chunks: readSdes(body, count) });
        }
        else if (type === BYE) {
            if (body.length < 4 * count)
                return { ok: false, reason: 'short BYE' };
            const ssrcs = Array.from({ length: count }, (_, i) => body.readUInt32BE(4 * i));
            const reasonLength = body[4 * count];
            const reason = reasonLength !== undefined && 4 * count + 1 + reasonLength <= body.length
                ? body.toString('utf8', 4 * count + 1, 4 * count + 1 + reasonLength)
                : undefined;
            packets.push({ type: 'bye', ssrcs, ...(reason ? { reason } : {}) });
        }
        offset += length;
    }
    if (packets.length === 0)
        return { ok: false, reason: 'no known packet' };
    return { ok: true, packets };
}
//# sourceMappingURL=rtcp.js.map