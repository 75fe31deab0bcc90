// SRTP/SRTCP with AES_CM_128_HMAC_SHA1_80 (and _32: 4-byte RTP tag) per RFC 3711 on node:crypto: key
// derivation, AES counter mode, HMAC-SHA1 authentication, rollover-counter estimation, replay window.
// One SrtpStream protects OR unprotects one direction; a session holds one of each.
import { createCipheriv, createHmac, timingSafeEqual } from 'node:crypto';
export const SRTP_MASTER_KEY_LENGTH = 16;
export const SRTP_MASTER_SALT_LENGTH = 14;
const TAG_LENGTH = 10;
const REPLAY_WINDOW = 64n;
export class SrtpError extends Error {
}
/** RFC 3711 §4.3.1 PRF with kdr = 0: AES-CM of (label ⊕ salt)·2^16 under the master key. */
export function deriveSessionKey(masterKey, masterSalt, label, length) {
    const iv = Buffer.alloc(16);
    masterSalt.copy(iv, 0);
    iv[7] ^= label; // label sits at byte 7 of the 14-byte salt (48 bits of index below it are zero)
    return aesCm(masterKey, iv, Buffer.alloc(length));
}
/** AES-128 in counter mode from `iv`; node's CTR increments the whole block, as RFC 3711 requires. */
export function aesCm(key, iv, data) {
    const cipher = createCipheriv('aes-128-ctr', key, iv);
    return Buffer.concat([cipher.update(data), cipher.final()]);
}
function sessionKeys(masterKey, masterSalt, labelBase) {
    return {
        encryption: deriveSessionKey(masterKey, masterSalt, labelBase, 16),
        auth: deriveSessionKey(masterKey, masterSalt, labelBase + 1, 20),
        salt: deriveSessionKey(masterKey, masterSalt, labelBase + 2, 14),
    };
}
/** IV = (salt·2^16) ⊕ (SSRC·2^64) ⊕ (index·2^16) — RFC 3711 §4.1.1. */
function counterIv(salt, ssrc, index) {
    const iv = Buffer.alloc(16);
    salt.copy(iv, 0);
    iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
    const high = Number((index >> 32n) & 0xffffn);
    const low = Number(index & 0xffffffffn);
    iv.writeUInt16BE(iv.readUInt16BE(8) ^ high, 8);
    iv.writeUInt32BE((iv.readUInt32BE(10) ^ low) >>> 0, 10);
    return iv;
}
function rtpHeaderLength(packet) {
    if (packet.length < 12 || packet[0] >> 6 !== 2)
        throw new SrtpError('not an RTP packet');
    let length = 12 + 4 * (packet[0] & 0x0f);
    if (packet[0] & 0x10) {
        if (packet.length < length + 4)
            throw new SrtpError('truncated RTP extension');
        length += 4 + 4 * packet.readUInt16BE(length + 2);
    }
    if (packet.length < length)
        throw new SrtpError('truncated RTP header');
    return length;
}
function tag(key, length, ...parts) {
    const hmac = createHmac('sha1', key);
    for (const part of parts)
        hmac.update(part);
    return hmac.digest().subarray(0, length);
}
/** Sliding replay window over 48-bit indexes (RTP) or 31-bit indexes (RTCP). */
class ReplayWindow {
    highest = -1n;
    bitmap = 0n;
    check(index) {
        if (index > this.highest)
            return true;
        const delta = this.highest - index;
        return delta < REPLAY_WINDOW && (this.bitmap & (1n << delta)) === 0n;
    }
    accept(index) {
        if (index > this.highest) {
            const shift = this.highest < 0n ? REPLAY_WINDOW : index - this.highest;
            this.bitmap = shift >= REPLAY_WINDOW ? 1n : ((this.bitmap << shift) | 1n) & ((1n << REPLAY_WINDOW) - 1n);
            this.highest = index;
        }
        else {
            this.bitmap |= 1n << (this.highest - index);
        }
    }
}
/** One direction of one SRTP session (a sender, or a receiver), for any number of SSRCs. */
export class SrtpStream {
    rtp;
    rtcp;
    rtpState = new Map();
    rtcpState = new Map();
    /** RTP tag bytes: 10 for _80, 4 for _32 (SRTCP keeps 10 either way, RFC 4568 §6.2). */
    rtpTag;
    constructor(masterKey, masterSalt, suite = 'AES_CM_128_HMAC_SHA1_80') {
        this.rtpTag = suite === 'AES_CM_128_HMAC_SHA1_32' ? 4 : TAG_LENGTH;
        if (masterKey.length !== SRTP_MASTER_KEY_LENGTH || masterSalt.length !== SRTP_MASTER_SALT_LENGTH) {
            throw new SrtpError('AES_CM_128_HMAC_SHA1_80 needs a 16-byte key and a 14-byte salt');
        }
        this.rtp = sessionKeys(masterKey, masterSalt, 0);
        this.rtcp = sessionKeys(masterKey, masterSalt, 3);
    }
    protectRtp(packet) {
        const headerLength = rtpHeaderLength(packet);
        const ssrc = packet.readUInt32BE(8);
        const seq = packet.readUInt16BE(2);
        let state = this.rtpState.get(ssrc);
        if (!state)
            this.rtpState.set(ssrc, (state = { roc: 0, lastSeq: seq, replay: new ReplayWindow() }));
        else if (seq < state.lastSeq && state.lastSeq - seq > 0x8000)
            state.roc = (state.roc + 1) >>> 0;
        if (seq > state.lastSeq || state.lastSeq - seq > 0x8000)
            state.lastSeq = seq;
        const index = (BigInt(state.roc) << 16n) | BigInt(seq);
        const body = aesCm(this.rtp.encryption, counterIv(this.rtp.salt, ssrc, index), packet.subarray(headerLength));
        const out = Buffer.concat([packet.subarray(0, headerLength), body]);
        return Buffer.concat([out, tag(this.rtp.auth, this.rtpTag, out, rocBytes(state.roc))]);
    }
    /** The plain RTP packet, or throws SrtpError (bad tag, replay, garbage) — callers drop the packet. */
    unprotectRtp(packet) {
        if (packet.length < 12 + this.rtpTag)
            throw new SrtpError('SRTP packet too short');
        const authenticated = packet.subarray(0, packet.length - this.rtpTag);
        const headerLength = rtpHeaderLength(authenticated);
        const ssrc = packet.readUInt32BE(8);
        const seq = packet.readUInt16BE(2);
        const state = this.rtpState.get(ssrc) ?? { roc: 0, lastSeq: seq, replay: new ReplayWindow() };
        const roc = estimateRoc(state.roc, state.lastSeq, seq);
        const index = (BigInt(roc) << 16n) | BigInt(seq);
        if (!state.replay.check(index))
            throw new SrtpError('replayed SRTP packet');
        const expected = tag(this.rtp.auth, this.rtpTag, authenticated, rocBytes(roc));
        if (!timingSafeEqual(expected, packet.subarray(packet.length - this.rtpTag)))
            throw new SrtpError('SRTP authentication failed');
        state.replay.accept(index);
        if (roc > state.roc || (roc === state.roc && seq > state.lastSeq)) {
            state.roc = roc;
            state.lastSeq = seq;
        }
        this.rtpState.set(ssrc, state);
        const body = aesCm(this.rtp.encryption, counterIv(this.rtp.salt, ssrc, index), authenticated.subarray(headerLength));
        return Buffer.concat([authenticated.subarray(0, headerLength), body]);
    }
    protectRtcp(packet) {
        if (packet.length < 8)
            throw new SrtpError('RTCP packet too short');
        const ssrc = packet.readUInt32BE(4);
        const state = this.rtcpState.get(ssrc) ?? { next: 0, replay: new ReplayWindow() };
        const index = state.next;
        state.next = (state.next + 1) & 0x7fffffff;
        this.rtcpState.set(ssrc, state);
        const body = aesCm(this.rtcp.encryption, counterIv(this.rtcp.salt, ssrc, BigInt(index)), packet.subarray(8));
        const trailer = Buffer.alloc(4);
        trailer.writeUInt32BE((0x80000000 | index) >>> 0);
        const out = Buffer.concat([packet.subarray(0, 8), body, trailer]);
        return Buffer.concat([out, tag(this.rtcp.auth, TAG_LENGTH, out)]);
    }
    unprotectRtcp(packet) {
        if (packet.length < 8 + 4 + TAG_LENGTH)
            throw new SrtpError('SRTCP packet too short');
        const authenticated = packet.subarray(0, packet.length - TAG_LENGTH);
        const expected = tag(this.rtcp.auth, TAG_LENGTH, authenticated);
        if (!timingSafeEqual(expected, packet.subarray(packet.length - TAG_LENGTH)))
            throw new SrtpError('SRTCP authentication failed');
        const word = authenticated.readUInt32BE(authenticated.length - 4);
        const index = word & 0x7fffffff;
        const ssrc = packet.readUInt32BE(4);
        const state = this.rtcpState.get(ssrc) ?? { next: 0, replay: new ReplayWindow() };
        if (!state.replay.check(BigInt(index)))
            throw new SrtpError('replayed SRTCP packet');
        state.replay.accept(BigInt(index));
        this.rtcpState.set(ssrc, state);
        const encrypted = authenticated.subarray(8, authenticated.length - 4);
        const body = word & 0x80000000 ? aesCm(this.rtcp.encryption, counterIv(this.rtcp.salt, ssrc, BigInt(index)), encrypted) : encrypted;
        return Buffer.concat([packet.subarray(0, 8), body]);
    }
}
/** RFC 3711 §3.3.1: guess the sender's ROC from the highest sequence number seen so far. */
function estimateRoc(roc, lastSeq, seq) {
    if (lastSeq < 0x8000)
        return seq - lastSeq > 0x8000 && roc > 0 ? roc - 1 : roc;
    return lastSeq - 0x8000 > seq ? (roc + 1) >>> 0 : roc;
}
function rocBytes(roc) {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(roc >>> 0);
    return bytes;
}
export function createSrtpTransform(local, remote, suite) {
    const sender = new SrtpStream(local.key, local.salt, suite);
    const receiver = new SrtpStream(remote.key, remote.salt, suite);
    const dropping = (unprotect) => (packet) => {
        try {
            return unprotect(packet);
        }
        catch (error) {
            if (error instanceof SrtpError)
                return null;
            throw error;
        }
    };
    return {
        protectRtp: (packet) => sender.protectRtp(packet),
        protectRtcp: (packet) => sender.protectRtcp(packet),
        unprotectRtp: dropping((packet) => receiver.unprotectRtp(packet)),
        unprotectRtcp: dropping((packet) => receiver.unprotectRtcp(packet)),
    };
}
//# sourceMappingURL=srtp.js.map