// RTP packets (RFC 3550 §5.1): parse incoming datagrams — tolerating CSRCs, header extensions and
// padding, rejecting garbage with a reason — and build outgoing ones.
const FIXED_HEADER = 12;
const NO_CSRCS = Object.freeze([]); // the usual case, without an allocation per packet
/** Heuristic RTP/RTCP demultiplexing (RFC 5761): RTCP packet types 200-204 sit in the PT byte. */
export function looksLikeRtcp(buffer) {
    return buffer.length >= 2 && buffer[1] >= 200 && buffer[1] <= 204;
}
export function parseRtp(buffer) {
    if (buffer.length < FIXED_HEADER)
        return { ok: false, reason: 'short' };
    const first = buffer[0];
    if (first >> 6 !== 2)
        return { ok: false, reason: 'version' };
    const hasPadding = (first & 0x20) !== 0;
    const hasExtension = (first & 0x10) !== 0;
    const csrcCount = first & 0x0f;
    const second = buffer[1];
    let offset = FIXED_HEADER + csrcCount * 4;
    if (offset > buffer.length)
        return { ok: false, reason: 'csrc' };
    const csrcs = csrcCount === 0 ? NO_CSRCS : [];
    for (let i = 0; i < csrcCount; i++)
        csrcs.push(buffer.readUInt32BE(FIXED_HEADER + i * 4));
    let extension;
    if (hasExtension) {
        if (offset + 4 > buffer.length)
            return { ok: false, reason: 'extension' };
        const profile = buffer.readUInt16BE(offset);
        const length = buffer.readUInt16BE(offset + 2) * 4;
        if (offset + 4 + length > buffer.length)
            return { ok: false, reason: 'extension' };
        extension = { profile, data: buffer.subarray(offset + 4, offset + 4 + length) };
        offset += 4 + length;
    }
    let end = buffer.length;
    if (hasPadding) {
        const padding = buffer[buffer.length - 1];
        if (padding === 0 || end - padding < offset)
            return { ok: false, reason: 'padding' };
        end -= padding;
    }
    return {
        ok: true,
        packet: {
            payloadType: second & 0x7f,
            marker: (second & 0x80) !== 0,
            sequenceNumber: buffer.readUInt16BE(2),
            timestamp: buffer.readUInt32BE(4),
            ssrc: buffer.readUInt32BE(8),
            csrcs,
            extension,
            payload: buffer.subarray(offset, end),
        },
    };
}
/** Builds a plain RTP packet (no CSRC, extension or padding): all we ever send. */
export function buildRtp(header, payload) {
    const packet = allocateRtp(header, payload.length);
    packet.set(payload, FIXED_HEADER);
    return packet;
}
/** A packet with its header written and `payloadLength` bytes left to fill from offset 12. */
export function allocateRtp(header, payloadLength) {
    const packet = Buffer.allocUnsafe(FIXED_HEADER + payloadLength);
    packet[0] = 0x80;
    packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
    packet.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
    packet.writeUInt32BE(header.timestamp >>> 0, 4);
    packet.writeUInt32BE(header.ssrc >>> 0, 8);
    return packet;
}
//# sourceMappingURL=rtp.js.map