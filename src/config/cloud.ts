// Cloud providers (all optional): RingCentral, IBM Watson, OpenAI-compatible, Deepgram.
// Secrets never live here: only the names of environment variables or files that hold them.
import { z } from 'zod';

export const cloudSchema = z.object({});
