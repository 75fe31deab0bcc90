// One outgoing RTP stream: SSRC, sequence and timestamp continuity across prompts, silence and hold;
// marker bit at each talkspurt start; RFC 4733 digits interleaved in place of audio; packets handed out per tick.
import { randomInt } from 'node:crypto';
import type { NegotiatedMedia } from './codec.js';
import { createCodec, type AudioCodec } from './codecs/index.js';
import { Rfc4733Sender } from './dtmf/rfc4733.js';
import { FRAME_MS } from './pcm.js';
import type { PlayQueue } from './play-queue.js';
import { buildRtp } from './rtp.js';

interface PendingDigit {
  sender: Rfc4733Sender;
  started: boolean;
  timestamp: number;
  resolve: () => void;
  last: boolean;
}

export class SendPath {
  readonly ssrc = randomInt(1, 2 ** 32 - 1);
  packetsSent = 0;
  octetsSent = 0;
  /** RTP timestamp of the next audio frame (continuous, also while silent or on hold). */
  timestamp = randomInt(0, 2 ** 31);
  private sequence = randomInt(0, 65536);
  private codec!: AudioCodec;
  private media!: NegotiatedMedia;
  private frameSamples = 0;
  private frameTs = 0;
  private ticksPerPacket = 1;
  private tickCount = 0;
  private lastTick: number | undefined;
  private talking = false;
  private silence: Uint8Array | undefined;
  private readonly digits: PendingDigit[] = [];

  constructor(media: NegotiatedMedia) {
    this.configure(media);
  }

  get codecRate(): number {
    return this.codec.sampleRate;
  }

  get rtpClockRate(): number {
    return this.codec.rtpClockRate;
  }

  /** (Re)configure; a codec change re-creates the encoder but keeps SSRC, sequence and timestamp. */
  configure(media: NegotiatedMedia): void {
    const sameCodec = this.media && JSON.stringify(this.media.codec) === JSON.stringify(media.codec);
    this.media = media;
    if (!media.telephoneEvent) this.cancelDigits(); // renegotiated away: nothing could send them
    if (!sameCodec) {
      this.codec = createCodec(media.codec);
      const isG711 = media.codec.name === 'PCMU' || media.codec.name === 'PCMA';
      this.talking = false;
      const ptime = media.ptime >= FRAME_MS && media.ptime % FRAME_MS === 0 && media.ptime <= 120 ? media.ptime : FRAME_MS;
      this.ticksPerPacket = ptime / FRAME_MS;
      this.frameSamples = (this.codec.sampleRate * ptime) / 1000;
      this.frameTs = (this.codec.rtpClockRate * ptime) / 1000;
      this.silence = isG711 ? this.codec.encode(new Int16Array(this.frameSamples)) : undefined;
    }
  }

  get sendsDtmfAsEvents(): boolean {
    return this.media.telephoneEvent !== undefined;
  }

  /** Queues RFC 4733 digits; resolves when the last end packet went out (or rejects on a bad digit). */
  queueDigits(digits: string): Promise<void> {
    const clockRate = this.media.telephoneEvent?.clockRate ?? 8000;
    const senders = [...digits].map((digit) => new Rfc4733Sender(digit, clockRate));
    if (senders.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      senders.forEach((sender, i) =>
        this.digits.push({ sender, started: false, timestamp: 0, resolve, last: i === senders.length - 1 }),
      );
    });
  }

  /** Drops queued digits (call end), resolving their promises. */
  cancelDigits(): void {
    for (const digit of this.digits.splice(0)) if (digit.last) digit.resolve();
  }

  /** Hands clock tick `tick`'s packets to `send`; `sending` is false on hold (time still advances).
   *  Ticks the clock skipped after a stall still advance the timestamp (the peer sees a gap, which is
   *  the truth) but not the sequence number (nothing was lost in the network). */
  tick(tick: number, queue: PlayQueue, sending: boolean, send: (packet: Buffer) => void): void {
    const skipped = this.lastTick !== undefined && tick > this.lastTick ? tick - this.lastTick - 1 : 0;
    this.lastTick = tick;
    for (let i = 0; i < skipped; i++) if (this.tickCount++ % this.ticksPerPacket === 0) this.timestamp = (this.timestamp + this.frameTs) >>> 0;
    const digit = this.digits[0];
    if (digit && sending && this.media.telephoneEvent) {
      if (!digit.started) {
        digit.started = true;
        digit.timestamp = this.timestamp;
      }
      const events = digit.sender.step();
      for (const event of events) {
        send(this.packet(this.media.telephoneEvent.payloadType, event.marker, digit.timestamp, event.payload));
      }
      if (digit.sender.done) {
        this.digits.shift();
        if (digit.last) digit.resolve();
      }
      this.talking = false;
      this.advance();
      return;
    }
    if (this.tickCount++ % this.ticksPerPacket !== 0) return;
    if (sending) {
      const pcm = queue.take(this.frameSamples);
      const payload = pcm ? this.codec.encode(pcm) : (this.silence ?? this.codec.encode(new Int16Array(this.frameSamples)));
      send(this.packet(this.media.codec.payloadType, pcm !== undefined && !this.talking, this.timestamp, payload));
      this.talking = pcm !== undefined;
    }
    this.timestamp = (this.timestamp + this.frameTs) >>> 0;
  }

  private advance(): void {
    this.tickCount = 0;
    this.timestamp = (this.timestamp + this.frameTs / this.ticksPerPacket) >>> 0;
  }

  private packet(payloadType: number, marker: boolean, timestamp: number, payload: Uint8Array): Buffer {
    const packet = buildRtp({ payloadType, marker, sequenceNumber: this.sequence, timestamp, ssrc: this.ssrc }, payload);
    this.sequence = (this.sequence + 1) & 0xffff;
    this.packetsSent++;
    this.octetsSent += payload.length;
    return packet;
  }
}
