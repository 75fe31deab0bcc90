// One caller's ears: VAD-gated turns streamed to a fresh STT session each (turn/turn.ts; the
// assistant's "gather" and the eval harness both use this), and barge-in watching while a prompt plays.
// One Listener per call: its speech channel lets the recognizer adapt to this caller and no other.
import { EventEmitter } from 'node:events';
import type { PcmChunk } from '../media/pcm.js';
import { createSpeechChannel, type RecognitionContext, type STT, type VAD } from './types.js';
import { runTurn } from './turn/turn.js';
import type { AudioSource, ListenOptions, ListenResult } from './turn/types.js';

export { RecognitionError, type AudioSource, type ListenOptions, type ListenResult } from './turn/types.js';

export const DEFAULT_END_SILENCE_MS: Record<RecognitionContext['kind'], number> = { digits: 800, yesNo: 600, free: 900 };

export class Listener extends EventEmitter<{ 'speech-start': []; 'speech-end': []; partial: [string] }> {
  private readonly stoppers = new Set<() => void>();
  private readonly channel = createSpeechChannel();

  constructor(
    private readonly source: AudioSource,
    private readonly stt: STT,
    private readonly vadFactory: () => VAD,
    private readonly endSilenceDefaults: Record<RecognitionContext['kind'], number> = DEFAULT_END_SILENCE_MS,
  ) {
    super();
  }

  listen(options: ListenOptions): Promise<ListenResult> {
    const vad = this.vadFactory();
    vad.configure({ endSilenceMs: options.endSilenceMs ?? this.endSilenceDefaults[options.context.kind] });
    const events = {
      speechStart: () => this.emit('speech-start'),
      speechEnd: () => this.emit('speech-end'),
      partial: (text: string) => this.emit('partial', text),
    };
    return runTurn(this.source, this.stt, vad, options, events, (abort) => {
      this.stoppers.add(abort);
      return () => this.stoppers.delete(abort);
    }, this.channel);
  }

  watchForBargeIn(options: { minSpeechMs: number }): () => void {
    const vad = this.vadFactory();
    vad.configure({ minSpeechMs: options.minSpeechMs });
    let fired = false;
    const onAudio = (frame: PcmChunk) => {
      // Fire once per prompt; speech-start reports onset only after minSpeechMs of voice.
      if (fired) return;
      if (vad.process(frame).some((e) => e.type === 'speech-start')) {
        fired = true;
        this.emit('speech-start');
      }
    };
    const stop = () => {
      this.source.off('audio', onAudio);
      this.stoppers.delete(stop);
    };
    this.source.on('audio', onAudio);
    this.stoppers.add(stop);
    return stop;
  }

  /** Ends every turn in progress (as aborted) and every barge-in watch. */
  close(): void {
    for (const stop of [...this.stoppers]) stop();
  }
}
