// The seam between telephony (SIP, RingCentral, browser legs) and everything above it.
// The assistant and speech layers use only these types: they never see SIP, SDP or RTP.
import type { EventEmitter } from 'node:events';
import type { PcmChunk, PcmSource } from '../media/pcm.js';

export type DtmfSource = 'rfc4733' | 'sip-info' | 'inband';
export interface DtmfEvent {
  digit: string; // 0-9 * # A-D
  source: DtmfSource;
  durationMs: number;
}

export type HangupBy = 'remote' | 'local' | 'error' | 'transfer';
export interface HangupEvent {
  by: HangupBy;
  reason: string;
}

export interface CallFacts {
  /** Our own id for the call (also the store's record id). */
  id: string;
  direction: 'inbound' | 'outbound';
  /** Raw header values as received; absent headers are undefined. */
  from: string;
  to: string;
  assertedIdentity?: string; // P-Asserted-Identity
  remotePartyId?: string; // Remote-Party-ID
  contact?: string;
  /** SIP Call-ID, or the provider's id for non-SIP legs. */
  callId: string;
  /** Negotiated codec as seen on the wire, e.g. { name: 'PCMU', clockRate: 8000, payloadType: 0 }. */
  codec: { name: string; clockRate: number; payloadType: number };
  peer: { address: string; port: number; transport: string };
  /** Any other header of the initial request (case-insensitive), for providers such as RingCentral. */
  header(name: string): string | undefined;
  startedAt: Date;
}

export type TransferMode = 'refer' | 'bridge';
export interface TransferResult {
  ok: boolean;
  /** Final SIP status seen for the target (from NOTIFY sipfrag, the bridged INVITE, or the provider). */
  status?: number;
  reason: string;
}

export interface CallEvents {
  /** Caller audio: 20 ms frames of 16-bit PCM at CALL_SAMPLE_RATE, in order, gaps filled by the jitter buffer. */
  audio: [PcmChunk];
  dtmf: [DtmfEvent];
  /** Emitted exactly once, whoever ends the call. */
  hangup: [HangupEvent];
  /** The remote side put us on hold (true) or resumed (false). */
  hold: [boolean];
}

export interface PlayOptions {
  /** Resolve as soon as playback is stopped by stopPlayback(); default true. */
  interruptible?: boolean;
}
export type PlayOutcome = 'finished' | 'stopped' | 'hangup';

export interface Call extends EventEmitter<CallEvents> {
  readonly facts: CallFacts;
  readonly isPlaying: boolean;
  readonly ended: boolean;
  /** Queue a stream for playback; resolves when it finished, was stopped (barge-in) or the call ended. */
  play(source: PcmSource, options?: PlayOptions): Promise<PlayOutcome>;
  /** Barge-in: stop what is playing at once (next frame is silence) and drop the queue. */
  stopPlayback(): void;
  sendDtmf(digits: string): Promise<void>;
  /** Blind (REFER or provider REST) or bridged transfer; on ok the call ends with by='transfer'. */
  transfer(target: string, options: { mode: TransferMode }): Promise<TransferResult>;
  hangup(reason?: string): Promise<void>;
}

/** An inbound call before it is answered: decide to answer or reject (e.g. 603 for blocked numbers). */
export interface IncomingCall {
  readonly facts: CallFacts;
  /** Send 180 Ringing (optional). */
  ring(): void;
  answer(): Promise<Call>;
  reject(status: number, reason?: string): Promise<void>;
}
