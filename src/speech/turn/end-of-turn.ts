// End-of-turn strategies for the Listener (Pipecat-style, swappable): when a caller's pause is long
// enough to end the turn. The fixed strategy waits for the configured end silence; the adaptive one
// asks, after a short pause, whether what was recognized so far is already a complete utterance (the
// judgement comes from the caller of listen() — the assistant asks its brain — never from speech/).
import { EARLY_END_MS_DEFAULTS } from '../../config/speech.js';
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
 * Ends a turn after a short pause when the hypothesis is complete: N digits for a code, a yes/no
 * phrase, a classifiable request — as judged by `isComplete`. An empty hypothesis never ends a turn
 * early; a check that throws counts as "not complete" (the full silence still ends the turn).
 */
export class AdaptiveEndOfTurn implements EndOfTurnStrategy {
  constructor(
    private readonly isComplete: CompletenessCheck,
    private readonly probeMs: Record<RecognitionContext['kind'], number> = EARLY_END_MS_DEFAULTS,
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
