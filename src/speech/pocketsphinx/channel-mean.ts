// The cepstral mean (CMN) each call has learned so far, kept per speech channel: a call's first turn
// starts from the model's cmninit, each later turn from what that call's earlier turns taught. Keyed
// weakly by the call's channel, so an ended call's mean goes with it and no call ever reads another's.
import type { SpeechChannel } from '../types.js';

/** How far one utterance's end-of-utterance mean moves the call's mean. */
const LEARN_WEIGHT = 0.5;

export class ChannelMeans {
  private readonly means = new WeakMap<SpeechChannel, Float32Array>();

  /** The mean a turn on this channel starts from; undefined = the model's cmninit (a new call, or no channel). */
  startOf(channel: SpeechChannel | undefined): Float32Array | undefined {
    return channel ? this.means.get(channel) : undefined;
  }

  /** A turn that recognized something on this channel ends with `mean`: later turns of the call start nearer it. */
  learn(channel: SpeechChannel | undefined, mean: Float32Array): void {
    if (!channel || !mean.every((v) => Number.isFinite(v))) return;
    const previous = this.means.get(channel);
    this.means.set(channel, previous ? previous.map((value, i) => (1 - LEARN_WEIGHT) * value + LEARN_WEIGHT * mean[i]!) : Float32Array.from(mean));
  }
}
