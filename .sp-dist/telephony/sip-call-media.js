import { parseSdp, serializeSdp } from '../sip/sdp.js';
import { acceptAnswer, answerOffer, createOffer } from '../sip/sdp-negotiate.js';
import { sdesTransform } from '../media/sdes.js';
export class CallMedia {
    session;
    local;
    /** The media currently running, once negotiated. */
    current;
    lastLocal;
    pendingOffer;
    constructor(session, local) {
        this.session = session;
        this.local = local;
    }
    /** True when the remote side holds us: we may not send (their SDP is sendonly/inactive). */
    get remoteHolds() {
        const d = this.current?.direction;
        return d === 'recvonly' || d === 'inactive';
    }
    /** Answers an SDP offer and configures the session with the result. */
    answer(offerBody) {
        const parsed = parseSdp(offerBody);
        if (!parsed.ok)
            return { ok: false, reason: `bad SDP: ${parsed.error}` };
        const result = answerOffer(parsed.sdp, this.localMedia(), this.lastLocal);
        if (!result.ok)
            return { ok: false, reason: result.reason };
        this.lastLocal = result.answer;
        this.apply(result.media);
        if (result.srtp && this.local.srtp)
            this.session.setTransform(sdesTransform(this.local.srtp.inlineKey, result.srtp.remote));
        return { ok: true, body: Buffer.from(serializeSdp(result.answer)), media: result.media };
    }
    /** Our offer (INVITE without SDP answered in the 200, outgoing INVITE, session refresh). */
    offer() {
        const offer = createOffer(this.localMedia(), this.lastLocal);
        this.lastLocal = offer;
        this.pendingOffer = offer;
        return Buffer.from(serializeSdp(offer));
    }
    /** Reads the answer to our last offer and configures the session. */
    acceptAnswer(answerBody) {
        const parsed = parseSdp(answerBody);
        if (!parsed.ok)
            return { ok: false, reason: `bad SDP: ${parsed.error}` };
        if (!this.pendingOffer)
            return { ok: false, reason: 'no offer outstanding' };
        const result = acceptAnswer(this.pendingOffer, parsed.sdp);
        this.pendingOffer = undefined;
        if (!result.ok)
            return { ok: false, reason: result.reason };
        this.apply(result.media);
        if (result.srtp && this.local.srtp)
            this.session.setTransform(sdesTransform(this.local.srtp.inlineKey, result.srtp));
        return { ok: true, body: answerBody, media: result.media };
    }
    apply(media) {
        this.current = media;
        this.session.configure(media);
    }
    localMedia() {
        return { ...this.local, port: this.session.localPort };
    }
}
//# sourceMappingURL=sip-call-media.js.map