// SDES key exchange (RFC 4568): the SDP `a=crypto:` attribute for AES_CM_128_HMAC_SHA1_80 / _32 —
// parse an offer's lines, pick the first usable one, make our own key, build the SRTP transform.
import { randomBytes } from 'node:crypto';
import { SRTP_MASTER_KEY_LENGTH, SRTP_MASTER_SALT_LENGTH, createSrtpTransform } from './srtp.js';
export const SDES_SUITE = 'AES_CM_128_HMAC_SHA1_80';
const SUITES = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'];
/** Parses one attribute value: "1 AES_CM_128_HMAC_SHA1_80 inline:<base64>[|2^31][|1:4] [params]". */
export function parseCryptoAttribute(value) {
    const match = /^\s*(\d{1,9})\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(value.replace(/^a=crypto:/, ''));
    if (!match)
        return undefined;
    const [, tagText, suite, keyParams, rest] = match;
    // Several key-params are ';'-separated; MKIs are not supported, so the first one is used.
    const inline = /^inline:([A-Za-z0-9+/=]+)(\|[^|;]*)?(\|[^;]*)?/.exec(keyParams.split(';')[0]);
    if (!inline)
        return undefined;
    if (inline[3] || (inline[2] && inline[2].includes(':')))
        return undefined; // MKI present: not supported
    const material = Buffer.from(inline[1], 'base64');
    if (material.length !== SRTP_MASTER_KEY_LENGTH + SRTP_MASTER_SALT_LENGTH)
        return undefined;
    return {
        tag: Number(tagText),
        suite: suite,
        key: material.subarray(0, SRTP_MASTER_KEY_LENGTH),
        salt: material.subarray(SRTP_MASTER_KEY_LENGTH),
        sessionParams: rest ? rest.trim().split(/\s+/) : [],
    };
}
/** Collects every a=crypto line of an SDP media section (or whole SDP text). */
export function cryptoAttributes(sdp) {
    return sdp
        .split(/\r?\n/)
        .filter((line) => line.startsWith('a=crypto:'))
        .map((line) => parseCryptoAttribute(line.slice('a=crypto:'.length)))
        .filter((attribute) => attribute !== undefined);
}
/** The first offered line we can use: a suite we run, no session parameters we would have to honour. */
export function chooseCrypto(offered) {
    return offered.find((attribute) => SUITES.includes(attribute.suite) && attribute.sessionParams.length === 0);
}
export function generateSdesKey() {
    return { key: randomBytes(SRTP_MASTER_KEY_LENGTH), salt: randomBytes(SRTP_MASTER_SALT_LENGTH) };
}
/** The attribute value (without "a=crypto:"), e.g. for an offer (tag 1) or an answer (the offer's tag). */
export function formatCryptoAttribute(tag, key) {
    return `${tag} ${SDES_SUITE} inline:${Buffer.concat([key.key, key.salt]).toString('base64')}`;
}
/** A fresh master key as the base64 inline value SDP carries (sdp-negotiate's LocalMedia.srtp). */
export function newInlineKey() {
    const key = generateSdesKey();
    return Buffer.concat([key.key, key.salt]).toString('base64');
}
/**
 * The SRTP transform for a negotiated SDES exchange: our inline key and the peer's chosen a=crypto
 * (suite + key params). Undefined when the peer's line is not one we can run.
 */
export function sdesTransform(localInlineKey, remote) {
    const local = parseCryptoAttribute(`1 ${remote.suite} inline:${localInlineKey}`);
    const peer = parseCryptoAttribute(`1 ${remote.suite} ${remote.keyParams}${remote.sessionParams ? ` ${remote.sessionParams}` : ''}`);
    if (!local || !peer || !chooseCrypto([peer]))
        return undefined;
    return createSrtpTransform(local, peer, remote.suite);
}
//# sourceMappingURL=sdes.js.map