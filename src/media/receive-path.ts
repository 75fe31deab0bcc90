// One negotiated receive stream: RFC 3550 statistics, jitter buffer, decode with concealment, resampling
// to 8 kHz, and steady 20 ms frames pulled by the pacer; telephone-events go to the RFC 4733 receiver.
import type { NegotiatedMedia } from './codec.js';
import { createCodec, type AudioCodec } from './codecs/index.js';
import { Rfc4733Receiver, type ReceivedDigit } from './dtmf/rfc4733.js';
import { JitterBuffer } from './jitter-buffer.js';
import { CALL_SAMPLE_RATE, FRAME_SAMPLES } from './pcm.js';
import { ReceiveStats } from './receive-stats.js';
import { Resampler } from './resample.js';
import type { RtpPacket } from './rtp.js';

export type RtpDisposition = 'audio' | 'event' | 'comfort-noise' | 'unknown-pt' | 'bad-payload';

const COMFORT_NOISE_PT = 13;
/**
 * Adaptive depth: two frames (one of slack against the pacer's pull phase) plus three times the measured
 * RFC 3550 interarrival jitter, up to the configured ceiling. On a LAN that is 40 ms instead of a fixed
 * 60+, and every millisecond of it is added to the assistant's reply latency.
 */
const MIN_TARGET_FRAMES = 2;
const JITTER_MULTIPLE = 3;
const NO_DIGITS: readonly ReceivedDigit[] = [];

export class ReceivePath {
  readonly codec: AudioCodec;
  readonly stats: ReceiveStats;
  readonly jitter: JitterBuffer;
  concealedFrames = 0;
  private readonly resampler: Resampler;
  private readonly dtmf: Rfc4733Receiver | undefined;
  private pending: Int16Array[] = [];
  private pendingSamples = 0;
  private readonly frameTs: number;
  private readonly ceilingTs: number;

  constructor(
    private readonly media: NegotiatedMedia,
    jitterBufferMs: number,
  ) {
    this.codec = createCodec(media.codec);
    this.stats = new ReceiveStats(this.codec.rtpClockRate);
    const msToTs = (ms: number): number => (ms * this.codec.rtpClockRate) / 1000;
    this.frameTs = msToTs(20);
    this.ceilingTs = Math.max(this.frameTs, msToTs(jitterBufferMs));
    this.jitter = new JitterBuffer({ targetTs: this.adaptiveTargetTs(), maxTs: msToTs(jitterBufferMs * 2 + 100) });
    this.resampler = new Resampler(this.codec.sampleRate, CALL_SAMPLE_RATE);
    this.dtmf = media.telephoneEvent ? new Rfc4733Receiver(media.telephoneEvent.clockRate) : undefined;
  }

  /** Takes one parsed packet of the current source; digits come back when an event completes. */
  receive(packet: RtpPacket, nowMs: number, digits: ReceivedDigit[]): RtpDisposition {
    if (packet.payloadType === this.media.codec.payloadType) {
      const durationTs = this.codec.durationTs(packet.payload);
      if (durationTs <= 0) return 'bad-payload';
      this.stats.update(packet.sequenceNumber, packet.timestamp, nowMs);
      this.jitter.setTargetTs(this.adaptiveTargetTs());
      this.jitter.push(packet, durationTs);
      return 'audio';
    }
    if (this.dtmf && packet.payloadType === this.media.telephoneEvent!.payloadType) {
      this.stats.update(packet.sequenceNumber, packet.timestamp);
      digits.push(...this.dtmf.receive(packet.timestamp, packet.payload, nowMs));
      return 'event';
    }
    if (packet.payloadType === COMFORT_NOISE_PT) {
      this.stats.update(packet.sequenceNumber, packet.timestamp);
      return 'comfort-noise';
    }
    return 'unknown-pt';
  }

  private adaptiveTargetTs(): number {
    const frames = MIN_TARGET_FRAMES + Math.ceil((JITTER_MULTIPLE * this.stats.jitterTs) / this.frameTs);
    return Math.min(this.ceilingTs, frames * this.frameTs);
  }

  /** RFC 4733 events whose end packets never arrived. */
  expireDigits(nowMs: number): readonly ReceivedDigit[] {
    return this.dtmf?.expire(nowMs) ?? NO_DIGITS;
  }

  /** The next 20 ms at 8 kHz: decoded audio, or concealment where packets are missing. */
  nextFrame(): Int16Array {
    if (this.pendingSamples === 0 && this.codec.sampleRate === CALL_SAMPLE_RATE) {
      const direct = this.directFrame();
      if (direct) return direct;
    }
    const codecPerCall = this.codec.sampleRate / CALL_SAMPLE_RATE;
    const tsPerSample = this.codec.rtpClockRate / this.codec.sampleRate;
    for (let guard = 0; this.pendingSamples < FRAME_SAMPLES && guard < 16; guard++) {
      const wantSamples = Math.ceil((FRAME_SAMPLES - this.pendingSamples) * codecPerCall);
      const item = this.jitter.next(Math.round(wantSamples * tsPerSample));
      if (item.kind === 'packet') {
        let pcm: Int16Array;
        try {
          pcm = this.codec.decode(item.packet.payload);
        } catch {
          pcm = this.codec.conceal(Math.round(this.codec.durationTs(item.packet.payload) / tsPerSample));
          this.concealedFrames++;
        }
        this.append(this.resampler.process(pcm));
      } else {
        const samples = item.kind === 'gap' ? Math.round(item.durationTs / tsPerSample) : wantSamples;
        this.append(this.resampler.process(this.codec.conceal(samples)));
        this.concealedFrames++;
        if (item.kind === 'empty') break;
      }
    }
    return this.takeFrame();
  }

  /** The common case (8 kHz codec, one 20 ms packet due): the decoded packet is the frame. */
  private directFrame(): Int16Array | undefined {
    const item = this.jitter.peekPacketOf(FRAME_SAMPLES);
    if (!item) return undefined;
    try {
      return this.codec.decode(item.payload);
    } catch {
      this.concealedFrames++;
      return this.codec.conceal(FRAME_SAMPLES);
    }
  }

  private append(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.pending.push(samples);
    this.pendingSamples += samples.length;
  }

  private takeFrame(): Int16Array {
    const frame = new Int16Array(FRAME_SAMPLES);
    let filled = 0;
    while (filled < FRAME_SAMPLES && this.pending.length > 0) {
      const head = this.pending[0]!;
      const n = Math.min(head.length, FRAME_SAMPLES - filled);
      frame.set(head.subarray(0, n), filled);
      filled += n;
      if (n === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(n);
    }
    this.pendingSamples -= filled;
    return frame;
  }
}
