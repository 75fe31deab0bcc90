// SipIncomingCall: an INVITE the application has not answered yet — ring, reject, or answer with
// our SDP answer (or our offer, for an INVITE without SDP) and resolve once the ACK arrived.
import type { Config } from '../config/schema.js';
import { MediaSession } from '../media/session.js';
import type { PortAllocator } from '../media/ports.js';
import { Dialog } from '../sip/dialog.js';
import { buildResponse } from '../sip/response.js';
import { decideAsUas } from '../sip/session-timer.js';
import type { InviteServerTransaction } from '../sip/transaction/server-invite.js';
import { newTag } from '../sip/via.js';
import type { Call, CallFacts, IncomingCall } from './call.js';
import { SipCall } from './sip-call.js';
import { CallMedia } from './sip-call-media.js';
import { factsFromInvite } from './sip-call-facts.js';
import { okHeaders, PendingAck } from './sip-call-reinvite.js';
import type { SipLegContext } from './sip-leg-context.js';
import { startSessionTimer } from './sip-session-refresh.js';
import { watchRtp } from './sip-rtp-watchdog.js';
import { newInlineKey } from '../media/sdes.js';

/** How long an INVITE may wait for answer() or reject() before we answer 480 ourselves. */
const UNANSWERED_MS = 120_000;

export interface AnswerEnvironment {
  media: Config['media'];
  ports: PortAllocator;
  /** Address the RTP sockets bind to, and the one written into SDP. */
  bindAddress: string;
  advertisedAddress: string;
}

export class SipIncomingCall implements IncomingCall {
  readonly facts: CallFacts;
  private readonly localTag = newTag();
  private answering = false;
  private finalSent = false;

  constructor(
    private readonly context: SipLegContext,
    private readonly environment: AnswerEnvironment,
    private readonly transaction: InviteServerTransaction,
    id: string,
  ) {
    this.facts = factsFromInvite(id, 'inbound', transaction.request, transaction.flow);
    transaction.onCancel = () => {
      this.finalSent = true;
      clearTimeout(this.unanswered);
      context.ua.respond(transaction, 487);
    };
    // An application that neither answers nor rejects must not hold the caller (or our state) forever.
    this.unanswered = setTimeout(() => {
      if (!this.answering) void this.reject(480, 'Temporarily Unavailable (not answered)').catch(() => undefined);
    }, UNANSWERED_MS);
    this.unanswered.unref();
  }

  private readonly unanswered: NodeJS.Timeout;

  get cancelled(): boolean {
    return this.transaction.cancelled;
  }

  ring(): void {
    if (this.finalSent || this.transaction.state !== 'proceeding') return;
    this.context.ua.respond(this.transaction, 180, undefined, {
      toTag: this.localTag,
      headers: { Contact: this.context.ua.contact(this.transaction.flow.transport) },
    });
  }

  async reject(status: number, reason?: string): Promise<void> {
    if (this.finalSent || this.answering || this.transaction.state !== 'proceeding') return;
    if (!Number.isInteger(status) || status < 300 || status > 699) throw new Error(`reject needs a 3xx-6xx status, got ${status}`);
    this.finalSent = true;
    clearTimeout(this.unanswered);
    this.context.ua.respond(this.transaction, status, reason, { toTag: this.localTag });
  }

  async answer(): Promise<Call> {
    if (this.answering || this.finalSent) throw new Error('call already answered, rejected or cancelled');
    this.answering = true;
    clearTimeout(this.unanswered);
    const { ua } = this.context;
    const tx = this.transaction;
    const invite = tx.request;
    const timer = decideAsUas(invite);
    let session: MediaSession;
    try {
      session = await MediaSession.open({
        localAddress: this.environment.bindAddress, ports: this.environment.ports,
        jitterBufferMs: this.environment.media.jitterBufferMs, logger: this.context.logger.child({ callId: this.facts.id }),
      });
    } catch (err) {
      this.fail(503, 'Service Unavailable (no media port)');
      throw new Error(`cannot answer: ${(err as Error).message}`);
    }
    if (tx.cancelled || tx.state !== 'proceeding') {
      session.close();
      throw new Error('caller cancelled before the answer');
    }
    const media = new CallMedia(session, {
      address: this.environment.advertisedAddress, codecs: this.environment.media.codecs, ptime: this.environment.media.ptime,
      // Accept RTP/SAVP (SDES) offers, plain offers get plain answers; our own offers stay RTP/AVP.
      ...(invite.body.length > 0 ? { srtp: { inlineKey: newInlineKey() } } : {}),
    });
    let body: Buffer;
    const offered = invite.body.length > 0;
    if (offered) {
      const answer = media.answer(invite.body);
      if (!answer.ok) {
        session.close();
        this.fail(488, undefined, { Warning: `304 frontdesk "${answer.reason.replace(/"/g, "'")}"` });
        throw new Error(`cannot answer: 488 ${answer.reason}`);
      }
      body = answer.body;
    } else {
      body = media.offer();
    }
    const dialog = Dialog.asUas(invite, this.localTag, tx.flow);
    const codec = media.current?.codec;
    const facts: CallFacts = codec ? { ...this.facts, codec: { name: codec.name, clockRate: codec.clockRate, payloadType: codec.payloadType } } : this.facts;
    const call = new SipCall(this.context, dialog, media, facts);
    ua.addDialog(dialog, call);
    this.context.onLegStarted(call);
    if (timer.kind === 'use') startSessionTimer(call, timer.timer, 'uas', invite.headers.getAll('Allow'));
    const response = buildResponse(invite, 200, undefined, {
      toTag: this.localTag, headers: okHeaders(ua, tx.flow.transport, timer, true), body,
    });
    this.finalSent = true;
    call.pendingAck = new PendingAck(call, tx, response, !offered);
    await call.pendingAck.acked;
    watchRtp(call, this.environment.media.rtpTimeoutSeconds);
    if (!offered) this.refreshCodec(call);
    return call;
  }

  private refreshCodec(call: SipCall): void {
    const codec = call.media.current?.codec;
    if (codec) call.facts.codec = { name: codec.name, clockRate: codec.clockRate, payloadType: codec.payloadType };
  }

  private fail(status: number, reason?: string, headers?: Record<string, string>): void {
    if (this.transaction.state !== 'proceeding') return;
    this.finalSent = true;
    this.context.ua.respond(this.transaction, status, reason, { toTag: this.localTag, ...(headers ? { headers } : {}) });
  }
}
