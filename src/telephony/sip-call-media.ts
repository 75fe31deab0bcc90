// One call leg's offer/answer state (RFC 3264) over its MediaSession: answering offers (initial,
// re-INVITE, UPDATE), making offers (INVITE without SDP, our re-INVITE), reading answers.
import type { NegotiatedMedia } from '../media/codec.js';
import type { MediaSession } from '../media/session.js';
import { parseSdp, serializeSdp, type Sdp } from '../sip/sdp.js';
import { acceptAnswer, answerOffer, createOffer, type LocalMedia } from '../sip/sdp-negotiate.js';
import { sdesTransform } from '../media/sdes.js';

export type OfferAnswer = { ok: true; body: Buffer; media: NegotiatedMedia } | { ok: false; reason: string };

export class CallMedia {
  /** The media currently running, once negotiated. */
  current: NegotiatedMedia | undefined;
  private lastLocal: Sdp | undefined;
  private pendingOffer: Sdp | undefined;

  constructor(readonly session: MediaSession, private readonly local: Omit<LocalMedia, 'port'>) {}

  /** True when the remote side holds us: we may not send (their SDP is sendonly/inactive). */
  get remoteHolds(): boolean {
    const d = this.current?.direction;
    return d === 'recvonly' || d === 'inactive';
  }

  /** Answers an SDP offer and configures the session with the result. */
  answer(offerBody: Buffer): OfferAnswer {
    const parsed = parseSdp(offerBody);
    if (!parsed.ok) return { ok: false, reason: `bad SDP: ${parsed.error}` };
    const result = answerOffer(parsed.sdp, this.localMedia(), this.lastLocal);
    if (!result.ok) return { ok: false, reason: result.reason };
    this.lastLocal = result.answer;
    this.apply(result.media);
    if (result.srtp && this.local.srtp) this.session.setTransform(sdesTransform(this.local.srtp.inlineKey, result.srtp.remote));
    return { ok: true, body: Buffer.from(serializeSdp(result.answer)), media: result.media };
  }

  /** Our offer (INVITE without SDP answered in the 200, outgoing INVITE, session refresh). */
  offer(): Buffer {
    const offer = createOffer(this.localMedia(), this.lastLocal);
    this.lastLocal = offer;
    this.pendingOffer = offer;
    return Buffer.from(serializeSdp(offer));
  }

  /** Reads the answer to our last offer and configures the session. */
  acceptAnswer(answerBody: Buffer): OfferAnswer {
    const parsed = parseSdp(answerBody);
    if (!parsed.ok) return { ok: false, reason: `bad SDP: ${parsed.error}` };
    if (!this.pendingOffer) return { ok: false, reason: 'no offer outstanding' };
    const result = acceptAnswer(this.pendingOffer, parsed.sdp);
    this.pendingOffer = undefined;
    if (!result.ok) return { ok: false, reason: result.reason };
    this.apply(result.media);
    if (result.srtp && this.local.srtp) this.session.setTransform(sdesTransform(this.local.srtp.inlineKey, result.srtp));
    return { ok: true, body: answerBody, media: result.media };
  }

  private apply(media: NegotiatedMedia): void {
    this.current = media;
    this.session.configure(media);
  }

  private localMedia(): LocalMedia {
    return { ...this.local, port: this.session.localPort };
  }
}
