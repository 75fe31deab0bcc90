// A push-fed PcmSource: frames pushed by one side (caller audio, a bridged leg, a socket) are played
// by another. Bounded so a stalled consumer drops the oldest audio instead of growing without limit.
import type { PcmChunk, PcmSource } from './pcm.js';

export class PcmQueue implements PcmSource {
  private readonly frames: PcmChunk[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(private readonly maxFrames = 50) {}

  push(frame: PcmChunk): void {
    if (this.closed) return;
    this.frames.push(frame);
    if (this.frames.length > this.maxFrames) this.frames.shift();
    this.wake?.();
  }

  /** Ends the stream once queued frames are consumed. */
  close(): void {
    this.closed = true;
    this.wake?.();
  }

  get length(): number {
    return this.frames.length;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<PcmChunk> {
    for (;;) {
      const frame = this.frames.shift();
      if (frame) {
        yield frame;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
