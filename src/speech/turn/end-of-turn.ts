// End-of-turn strategies for the Listener (Pipecat-style, swappable): when a caller's pause is long
// enough to end the turn. The fixed strategy waits for the configured end silence; the adaptive one
// asks, after a short pause, whether what was recognized so far is already a complete utterance (the
// judgement comes from the caller of listen() — the assistant asks its brain — never from speech/).
import type { RecognitionContext, RecognitionResult } from '../types.js';

/** Decides whether a hypothesis (the recognizer's final for the audio up to the pause) ends the turn. */
export type CompletenessCheck = (hypothesis: RecognitionResult, context: RecognitionContext) => boolean | Promise<boolean>;

export interface EndOfTurnStrategy {
  /**
   * Pause (ms of non-speech after voice) after which the Listener finalizes what it has heard and
   * offers it to accepts(); undefined: only the full end silence ends the turn.
   */
  probeAfterMs(context: RecognitionContext): number | undefined;
  /** True ends the turn now with this hypothesis; false keeps listening (the pause may be mid-sentence). */
  accepts(hypothesis: RecognitionResult, context: RecognitionContext): Promise<boolean>;
}

/** Waits for the full configured end silence every time (the behaviour without a strategy). */
export class FixedSilenceEndOfTurn implements EndOfTurnStrategy {
  probeAfterMs(): undefined {
    return undefined;
  }

  async accepts(): Promise<boolean> {
    return false;
  }
}

/**
 * Short pauses per turn kind (ms), as heard by the energy VAD (whose pause starts where the last word
 * falls 30 dB below the utterance's peak). DEV corpus, bench/end-of-turn.ts, full silence vs adaptive:
 * free 120 ends 47 of 60 requests early and understands 47 vs 49 (200: 49 vs 49, but ~80 ms later on
 * every turn); the losses are a cut before a sentence's last words ("… is frozen", "… please") and
 * one changed last word. Codes need a longer pause: between digits at 150 two of 60 were cut, at 180 one.
 */
export const DEFAULT_PROBE_AFTER_MS: Record<RecognitionContext['kind'], number> = { digits: 180, yesNo: 150, free: 120 };

/**
 * Ends a turn after a short pause when the hypothesis is complete: N digits for a code, a yes/no
 * phrase, a classifiable request — as judged by `isComplete`. An empty hypothesis never ends a turn
 * early; a check that throws counts as "not complete" (the full silence still ends the turn).
 */
export class AdaptiveEndOfTurn implements EndOfTurnStrategy {
  constructor(
    private readonly isComplete: CompletenessCheck,
    private readonly probeMs: Record<RecognitionContext['kind'], number> = DEFAULT_PROBE_AFTER_MS,
  ) {}

  /** 0 for a kind disables early ends for it. */
  probeAfterMs(context: RecognitionContext): number | undefined {
    return this.probeMs[context.kind] || undefined;
  }

  async accepts(hypothesis: RecognitionResult, context: RecognitionContext): Promise<boolean> {
    if (!hypothesis.text.trim()) return false;
    try {
      return await this.isComplete(hypothesis, context);
    } catch {
      return false;
    }
  }
}
