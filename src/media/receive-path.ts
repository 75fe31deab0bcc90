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
 * Adaptive playout delay (slack against late packets): three times the measured RFC 3550 interarrival jitter
 * plus a little for the pacer's own lateness, up to the configured ceiling; a frame of slack while the
 * first second's jitter is still unknown. On a LAN that is a few ms instead of the 40-60 ms that whole-frame
 * depths give, and every millisecond of it is added to the assistant's reply latency.
 */
const JITTER_MULTIPLE = 3;
const MIN_DELAY_MS = 5;
const WARM_UP_PACKETS = 50;
const WARM_UP_DELAY_MS = 20;
/** A frame skipped to shrink the delay must be quiet (peak below about -30 dBFS): never a piece of a word. */
const QUIET_PEAK = 1000;
const NO_DIGITS: readonly ReceivedDigit[] = [];

export class ReceivePath {
  readonly codec: AudioCodec;
  readonly stats: ReceiveStats;
  readonly jitter: JitterBuffer;
  concealedFrames = 0;
  /** Quiet frames dropped to shrink the playout delay. */
  skippedFrames = 0;
  private readonly resampler: Resampler;
  private readonly dtmf: Rfc4733Receiver | undefined;
  private pending: Int16Array[] = [];
  private pendingSamples = 0;
  private readonly frameTs: number;
  private readonly ceilingTs: number;
  private readonly tsPerMs: number;

  constructor(
    private readonly media: NegotiatedMedia,
    jitterBufferMs: number,
  ) {
    this.codec = createCodec(media.codec);
    this.stats = new ReceiveStats(this.codec.rtpClockRate);
    this.tsPerMs = this.codec.rtpClockRate / 1000;
    this.frameTs = 20 * this.tsPerMs;
    this.ceilingTs = jitterBufferMs * this.tsPerMs;
    this.jitter = new JitterBuffer({ delayTs: this.adaptiveDelayTs(), maxTs: (jitterBufferMs * 2 + 100) * this.tsPerMs });
    this.resampler = new Resampler(this.codec.sampleRate, CALL_SAMPLE_RATE);
    this.dtmf = media.telephoneEvent ? new Rfc4733Receiver(media.telephoneEvent.clockRate) : undefined;
  }

  /** Takes one parsed packet of the current source; digits come back when an event completes. */
  receive(packet: RtpPacket, nowMs: number, digits: ReceivedDigit[]): RtpDisposition {
    if (packet.payloadType === this.media.codec.payloadType) {
      const durationTs = this.codec.durationTs(packet.payload);
      if (durationTs <= 0) return 'bad-payload';
      this.stats.update(packet.sequenceNumber, packet.timestamp, nowMs);
      this.jitter.setDelayTs(this.adaptiveDelayTs());
      this.jitter.push(packet, durationTs, nowMs * this.tsPerMs);
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

  private adaptiveDelayTs(): number {
    const floorMs = this.stats.received < WARM_UP_PACKETS ? WARM_UP_DELAY_MS : MIN_DELAY_MS;
    return Math.min(this.ceilingTs, Math.max(floorMs * this.tsPerMs, JITTER_MULTIPLE * this.stats.jitterTs + MIN_DELAY_MS * this.tsPerMs));
  }

  /** RFC 4733 events whose end packets never arrived. */
  expireDigits(nowMs: number): readonly ReceivedDigit[] {
    return this.dtmf?.expire(nowMs) ?? NO_DIGITS;
  }

  /** The next 20 ms at 8 kHz at `nowMs`: decoded audio, or concealment where packets are missing. */
  nextFrame(nowMs = 0): Int16Array {
    const frame = this.produceFrame(nowMs);
    if (!this.jitter.shrinkDue(this.frameTs) || !isQuiet(frame)) return frame;
    this.jitter.restartWaits();
    this.skippedFrames++;
    return this.produceFrame(nowMs); // the quiet frame is dropped: from now on we play one frame earlier
  }

  private produceFrame(nowMs: number): Int16Array {
    const now = nowMs * this.tsPerMs;
    if (this.pendingSamples === 0 && this.codec.sampleRate === CALL_SAMPLE_RATE) {
      const direct = this.directFrame(now);
      if (direct) return direct;
    }
    const codecPerCall = this.codec.sampleRate / CALL_SAMPLE_RATE;
    const tsPerSample = this.codec.rtpClockRate / this.codec.sampleRate;
    for (let guard = 0; this.pendingSamples < FRAME_SAMPLES && guard < 16; guard++) {
      const wantSamples = Math.ceil((FRAME_SAMPLES - this.pendingSamples) * codecPerCall);
      const item = this.jitter.next(Math.round(wantSamples * tsPerSample), now);
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
  private directFrame(now: number): Int16Array | undefined {
    const item = this.jitter.peekPacketOf(FRAME_SAMPLES, now);
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

function isQuiet(frame: Int16Array): boolean {
  for (let i = 0; i < frame.length; i++) if (frame[i]! > QUIET_PEAK || frame[i]! < -QUIET_PEAK) return false;
  return true;
}
