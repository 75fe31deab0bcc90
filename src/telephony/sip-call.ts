// SipCall: an established SIP dialog plus its MediaSession, seen by the assistant as a `Call`.
// Handles in-dialog requests (BYE, re-INVITE/UPDATE, INFO DTMF, NOTIFY for REFER) and ends exactly once.
import { EventEmitter } from 'node:events';
import type { PcmSource } from '../media/pcm.js';
import type { SipRequest } from '../sip/message.js';
import type { Dialog } from '../sip/dialog.js';
import type { ReferProgress } from '../sip/refer.js';
import type { SessionTimerRunner } from '../sip/session-timer.js';
import type { ServerTransaction } from '../sip/transaction/manager.js';
import type { DialogUsage } from '../sip/ua.js';
import type { Call, CallEvents, CallFacts, HangupBy, PlayOptions, PlayOutcome, TransferMode, TransferResult } from './call.js';
import type { CallMedia } from './sip-call-media.js';
import { isDtmfInfo, parseDtmfInfo } from './sip-info-dtmf.js';
import { handleOfferRequest, type PendingAck } from './sip-call-reinvite.js';
import type { SipLegContext } from './sip-leg-context.js';
import { transferCall } from './sip-transfer.js';

export class SipCall extends EventEmitter<CallEvents> implements Call, DialogUsage {
  /** True once 'hangup' was emitted (the assistant is done with this call). */
  ended = false;
  /** The dialog is over (BYE sent or received); may trail `ended` for a bridged call. */
  closed = false;
  referProgress: ReferProgress | undefined;
  pendingAck: PendingAck | undefined;
  /** Our own re-INVITE is outstanding: theirs gets 491 meanwhile (glare). */
  offerInFlight = false;
  sessionTimer: SessionTimerRunner | undefined;
  /** While bridged, the assistant is gone but the dialog lives: the other leg to hang up with us. */
  bridgedWith: SipCall | undefined;
  private held = false;

  constructor(
    readonly context: SipLegContext,
    readonly dialog: Dialog,
    readonly media: CallMedia,
    readonly facts: CallFacts,
  ) {
    super();
    media.session.on('audio', (chunk) => this.ended || this.deliver(() => this.emit('audio', chunk)));
    media.session.on('dtmf', (event) => this.ended || this.deliver(() => this.emit('dtmf', event)));
    this.held = media.remoteHolds;
  }

  get isPlaying(): boolean {
    return this.media.session.isPlaying;
  }

  play(source: PcmSource, options?: PlayOptions): Promise<PlayOutcome> {
    if (this.ended) return Promise.resolve('hangup');
    return this.media.session.play(source, options);
  }

  stopPlayback(): void {
    this.media.session.stopPlayback();
  }

  sendDtmf(digits: string): Promise<void> {
    if (this.ended) return Promise.resolve();
    return this.media.session.sendDtmf(digits);
  }

  transfer(target: string, options: { mode: TransferMode }): Promise<TransferResult> {
    if (this.ended) return Promise.resolve({ ok: false, reason: 'call already ended' });
    return transferCall(this, target, options);
  }

  /** BYE; `by` lets transfers end the call as 'transfer' rather than 'local'. */
  async hangup(reason = 'hangup', by: HangupBy = 'local'): Promise<void> {
    if (this.closed) return this.release(by, reason);
    this.close(by, reason);
    await this.context.ua.requestInDialog(this.dialog, 'BYE').catch(() => undefined);
  }

  /** Emits 'hangup' once; the dialog may go on (bridge) until close(). */
  release(by: HangupBy, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.media.session.stopPlayback();
    this.deliver(() => this.emit('hangup', { by, reason }));
  }

  /** Ends the dialog locally: timers, media, registrations; releases the call if not yet. */
  close(by: HangupBy, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.pendingAck?.stop();
    this.sessionTimer?.stop();
    this.referProgress?.fail('call ended');
    this.context.ua.removeDialog(this.dialog);
    this.release(by, reason);
    this.media.session.close();
    this.context.onLegEnded(this);
    const other = this.bridgedWith;
    this.bridgedWith = undefined;
    if (other && !other.closed) void other.hangup('bridged party hung up');
  }

  /** Tells the assistant about remote hold changes. */
  noteHold(): void {
    const held = this.media.remoteHolds;
    if (held !== this.held) {
      this.held = held;
      if (!this.ended) this.deliver(() => this.emit('hold', held));
    }
  }

  /** A throwing application listener must not break this call's SIP/media handling, nor another call's. */
  private deliver(emit: () => void): void {
    try {
      emit();
    } catch (err) {
      this.context.logger.error({ err, callId: this.facts.id, sipCallId: this.facts.callId }, 'call event listener threw');
    }
  }

  onAck(request: SipRequest): void {
    this.pendingAck?.onAck(request);
  }

  onRequest(request: SipRequest, transaction: ServerTransaction): void {
    const ua = this.context.ua;
    if (!this.dialog.acceptRemoteSeq(request)) {
      ua.respond(transaction, 500, 'Server Internal Error (CSeq out of order)');
      return;
    }
    switch (request.method) {
      case 'BYE':
        ua.respond(transaction, 200);
        this.close('remote', 'remote hangup');
        return;
      case 'INVITE':
      case 'UPDATE':
        handleOfferRequest(this, request, transaction);
        return;
      case 'INFO':
        return this.onInfo(request, transaction);
      case 'NOTIFY':
        ua.respond(transaction, 200);
        if (/^\s*refer\b/i.test(request.headers.get('Event') ?? '')) this.referProgress?.onNotify(request);
        return;
      case 'OPTIONS':
        ua.respond(transaction, 200);
        return;
      case 'REFER':
        ua.respond(transaction, 603, 'Decline (transfers of the assistant are not supported)');
        return;
      default:
        ua.respond(transaction, 405, undefined, { headers: { Allow: 'INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REFER, NOTIFY, UPDATE' } });
    }
  }

  private onInfo(request: SipRequest, transaction: ServerTransaction): void {
    const type = request.headers.get('Content-Type');
    if (request.body.length === 0) {
      this.context.ua.respond(transaction, 200);
      return;
    }
    if (!isDtmfInfo(type)) {
      this.context.ua.respond(transaction, 415, undefined, { headers: { Accept: 'application/dtmf-relay, application/dtmf' } });
      return;
    }
    this.context.ua.respond(transaction, 200);
    const event = parseDtmfInfo(type, request.body);
    if (event && !this.ended) this.media.session.injectDtmf(event);
  }
}
