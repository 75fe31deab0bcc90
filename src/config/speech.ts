// Speech settings: which recognizer, synthesizer and voice activity detector, and their tuning.
import { z } from 'zod';

export const speechSchema = z.object({
  stt: z.enum(['pocketsphinx', 'watson', 'deepgram']).default('pocketsphinx'),
  tts: z.enum(['flite', 'openai']).default('flite'),
  vad: z.enum(['energy', 'silero']).default('energy'),
  voice: z.string().default('kal16'),
  /** Decoder worker threads; 0 = one per core. */
  workers: z.number().int().min(0).max(64).default(0),
});
