// RFC 3264 offer/answer for our single audio stream: answering an offer, making an offer, and reading
// the answer to ours, all producing the NegotiatedMedia that media/ runs with.
import { randomInt } from 'node:crypto';
import { attribute, connectionOf, cryptoLines, directionOf, fmtp, isHoldAddress, rtcpPortOf, rtpMaps, } from './sdp.js';
const CODECS = {
    PCMU: { encoding: 'PCMU', clockRate: 8000, channels: 1, staticPt: 0, dynamicPt: 0 },
    PCMA: { encoding: 'PCMA', clockRate: 8000, channels: 1, staticPt: 8, dynamicPt: 8 },
    G722: { encoding: 'G722', clockRate: 8000, channels: 1, staticPt: 9, dynamicPt: 9 },
    opus: { encoding: 'opus', clockRate: 48000, channels: 2, dynamicPt: 111, fmtp: 'useinbandfec=1' },
};
const TELEPHONE_EVENT_PT = { 8000: 101, 48000: 102 };
const SRTP_SUITES = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'];
const MIRROR = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };
function addrType(address) {
    return address.includes(':') ? 'IP6' : 'IP4';
}
/** RFC 3264 §8: each new offer/answer from us carries the previous version + 1. */
function nextVersion(version) {
    return /^\d{1,30}$/.test(version) ? (BigInt(version) + 1n).toString() : '1';
}
function baseSdp(local, previous) {
    const version = previous ? nextVersion(previous.origin.sessionVersion) : String(local.sessionVersion ?? 1);
    return {
        version: 0,
        origin: {
            username: 'frontdesk', sessionId: previous?.origin.sessionId ?? local.sessionId ?? String(randomInt(1, 2 ** 47)),
            sessionVersion: version, netType: 'IN', addrType: addrType(local.address), address: local.address,
        },
        sessionName: 'frontdesk',
        connection: { netType: 'IN', addrType: addrType(local.address), address: local.address },
        lines: [['t', '0 0']],
        attributes: [],
        media: [],
    };
}
/** Combines the other side's direction (with old-style c=0.0.0.0 hold meaning "do not send to me") with ours. */
function ourDirection(theirs, holdAddress, wanted = 'sendrecv') {
    let t = theirs;
    if (holdAddress)
        t = t === 'sendrecv' ? 'sendonly' : t === 'recvonly' ? 'inactive' : t;
    const mirrored = MIRROR[t];
    const canSend = (mirrored === 'sendrecv' || mirrored === 'sendonly') && (wanted === 'sendrecv' || wanted === 'sendonly');
    const canRecv = (mirrored === 'sendrecv' || mirrored === 'recvonly') && (wanted === 'sendrecv' || wanted === 'recvonly');
    return canSend ? (canRecv ? 'sendrecv' : 'sendonly') : canRecv ? 'recvonly' : 'inactive';
}
function findCodec(media, name) {
    const want = CODECS[name];
    for (const map of rtpMaps(media).values()) {
        if (!media.formats.includes(String(map.payloadType)))
            continue;
        if (map.encoding.toLowerCase() === want.encoding.toLowerCase() && map.clockRate === want.clockRate) {
            const f = fmtp(media, map.payloadType);
            return { name, payloadType: map.payloadType, clockRate: map.clockRate, channels: map.channels, ...(f ? { fmtp: f } : {}) };
        }
    }
    return undefined;
}
function findTelephoneEvent(media, clockRate) {
    const events = [...rtpMaps(media).values()].filter((m) => m.encoding.toLowerCase() === 'telephone-event' && media.formats.includes(String(m.payloadType)));
    const pick = events.find((m) => m.clockRate === clockRate);
    return pick ? { payloadType: pick.payloadType, clockRate: pick.clockRate } : undefined;
}
/** Packet time to send with: their a=ptime, else ours, never above their a=maxptime. */
function ptimeOf(media, fallback) {
    const valid = (p) => Number.isInteger(p) && p >= 10 && p <= 120 && p % 10 === 0;
    const p = Number(attribute(media.attributes, 'ptime'));
    const max = Number(attribute(media.attributes, 'maxptime'));
    const ptime = valid(p) ? p : fallback;
    return valid(max) && ptime > max ? max : ptime;
}
function audioLine(local, protocol, codecs, te, direction, teFmtp) {
    const m = { type: 'audio', port: local.port, protocol, formats: [], lines: [], attributes: [] };
    for (const c of codecs) {
        m.formats.push(String(c.payloadType));
        m.attributes.push({ name: 'rtpmap', value: `${c.payloadType} ${CODECS[c.name].encoding}/${c.clockRate}${c.channels > 1 ? `/${c.channels}` : ''}` });
        if (c.fmtp)
            m.attributes.push({ name: 'fmtp', value: `${c.payloadType} ${c.fmtp}` });
    }
    for (const e of te) {
        m.formats.push(String(e.payloadType));
        m.attributes.push({ name: 'rtpmap', value: `${e.payloadType} telephone-event/${e.clockRate}` }, { name: 'fmtp', value: `${e.payloadType} ${teFmtp(e.payloadType)}` });
    }
    m.attributes.push({ name: 'ptime', value: String(local.ptime) }, { name: direction });
    return m;
}
function rejected(m) {
    return { type: m.type, port: 0, protocol: m.protocol, formats: m.formats.slice(0, 1), lines: [], attributes: [] };
}
/** RFC 3264 §6: one answer m-line per offered line; the first usable audio stream is accepted. */
export function answerOffer(offer, local, previousAnswer) {
    const answer = baseSdp(local, previousAnswer);
    let chosen;
    let why = 'no audio stream offered';
    for (const m of offer.media) {
        if (chosen || m.type !== 'audio' || m.port === 0) {
            answer.media.push(rejected(m));
            continue;
        }
        const secure = m.protocol === 'RTP/SAVP';
        if (m.protocol !== 'RTP/AVP' && !secure) {
            why = `unsupported media protocol ${m.protocol}`;
            answer.media.push(rejected(m));
            continue;
        }
        const crypto = secure ? cryptoLines(m).find((c) => SRTP_SUITES.includes(c.suite)) : undefined;
        if (secure && (!local.srtp || !crypto)) {
            why = local.srtp ? 'no supported SRTP crypto suite' : 'SRTP not available';
            answer.media.push(rejected(m));
            continue;
        }
        const codec = local.codecs.map((name) => findCodec(m, name)).find((c) => c !== undefined);
        const conn = connectionOf(offer, m);
        if (!codec) {
            why = 'no common audio codec';
            answer.media.push(rejected(m));
            continue;
        }
        if (!conn) {
            why = 'no connection address';
            answer.media.push(rejected(m));
            continue;
        }
        const te = local.telephoneEvent === false ? undefined : findTelephoneEvent(m, codec.clockRate);
        const direction = ourDirection(directionOf(offer, m), isHoldAddress(conn.address), local.direction);
        const line = audioLine(local, m.protocol, [codec], te ? [te] : [], direction, (pt) => fmtp(m, pt) ?? '0-16');
        let srtp;
        if (crypto && local.srtp) {
            srtp = { suite: crypto.suite, remote: crypto, tag: crypto.tag, localKeyParams: `inline:${local.srtp.inlineKey}` };
            line.attributes.push({ name: 'crypto', value: `${crypto.tag} ${crypto.suite} inline:${local.srtp.inlineKey}` });
        }
        answer.media.push(line);
        chosen = {
            media: {
                codec, ptime: ptimeOf(m, local.ptime), direction,
                remote: { address: conn.address, port: m.port, rtcpPort: rtcpPortOf(m) },
                ...(te ? { telephoneEvent: te } : {}),
            },
            ...(srtp ? { srtp } : {}),
        };
    }
    if (!chosen)
        return { ok: false, status: 488, reason: why };
    return { ok: true, answer, ...chosen };
}
/** Our offer: one audio line listing `local.codecs` in preference order, plus telephone-event. */
export function createOffer(local, previousOffer) {
    const offer = baseSdp(local, previousOffer);
    const codecs = local.codecs.map((name) => {
        const c = CODECS[name];
        return { name, payloadType: c.staticPt ?? c.dynamicPt, clockRate: c.clockRate, channels: c.channels, ...(c.fmtp ? { fmtp: c.fmtp } : {}) };
    });
    const rates = [...new Set(codecs.map((c) => c.clockRate))];
    const te = local.telephoneEvent === false ? [] : rates.map((r) => ({ payloadType: TELEPHONE_EVENT_PT[r] ?? 101, clockRate: r }));
    const line = audioLine(local, local.srtp ? 'RTP/SAVP' : 'RTP/AVP', codecs, te, local.direction ?? 'sendrecv', () => '0-16');
    if (local.srtp)
        line.attributes.push({ name: 'crypto', value: `1 AES_CM_128_HMAC_SHA1_80 inline:${local.srtp.inlineKey}` });
    offer.media.push(line);
    return offer;
}
/** Reads the answer to our offer (RFC 3264 §7): the first accepted audio line and its codec. */
export function acceptAnswer(offer, answer) {
    if (answer.media.length !== offer.media.length)
        return { ok: false, reason: 'answer has a different number of m-lines' };
    for (let i = 0; i < answer.media.length; i++) {
        const m = answer.media[i];
        const ours = offer.media[i];
        if (m.type !== 'audio' || m.port === 0)
            continue;
        const conn = connectionOf(answer, m);
        if (!conn)
            return { ok: false, reason: 'no connection address in answer' };
        const maps = rtpMaps(m);
        const ourNames = [...rtpMaps(ours).values()].map((x) => x.encoding.toLowerCase());
        let codec;
        for (const f of m.formats) {
            const map = maps.get(Number(f));
            const name = Object.keys(CODECS).find((n) => map && CODECS[n].encoding.toLowerCase() === map.encoding.toLowerCase() && CODECS[n].clockRate === map.clockRate);
            if (map && name && ourNames.includes(map.encoding.toLowerCase())) {
                const fm = fmtp(m, map.payloadType);
                codec = { name, payloadType: map.payloadType, clockRate: map.clockRate, channels: map.channels, ...(fm ? { fmtp: fm } : {}) };
                break;
            }
        }
        if (!codec)
            return { ok: false, reason: 'answer chose no codec we offered' };
        const te = findTelephoneEvent(m, codec.clockRate);
        const direction = ourDirection(directionOf(answer, m), isHoldAddress(conn.address), directionOf(offer, ours));
        const crypto = m.protocol === 'RTP/SAVP' ? cryptoLines(m)[0] : undefined;
        if (m.protocol === 'RTP/SAVP' && !crypto)
            return { ok: false, reason: 'SRTP answer without crypto' };
        return {
            ok: true,
            media: {
                codec, ptime: ptimeOf(m, ptimeOf(ours, 20)), direction,
                remote: { address: conn.address, port: m.port, rtcpPort: rtcpPortOf(m) },
                ...(te ? { telephoneEvent: te } : {}),
            },
            ...(crypto ? { srtp: crypto } : {}),
        };
    }
    return { ok: false, reason: 'answer rejected every audio stream' };
}
//# sourceMappingURL=sdp-negotiate.js.map