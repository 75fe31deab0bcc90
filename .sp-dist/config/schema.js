// The one configuration schema, composed of each layer's section. Loaded and validated once.
import { z } from 'zod';
import { sipSchema, mediaSchema } from './sip.js';
import { speechSchema } from './speech.js';
import { assistantSchema } from './assistant.js';
import { operationsSchema } from './operations.js';
import { cloudSchema } from './cloud.js';
export const configSchema = z
    .object({
    /** What answered calls do: the assistant (default), echo the caller, or play a file. */
    mode: z.enum(['assistant', 'echo', 'playback']).default('assistant'),
    playbackFile: z.string().optional(),
    telephony: z.enum(['sip', 'ringcentral']).default('sip'),
    /** Who understands the caller: the embedded rules (default) or an OpenAI-compatible LLM (cloud.openai). */
    brain: z.enum(['rules', 'openai']).default('rules'),
    sip: sipSchema.prefault({}),
    media: mediaSchema.prefault({}),
    speech: speechSchema.prefault({}),
    assistant: assistantSchema.prefault({}),
    operations: operationsSchema.prefault({}),
    cloud: cloudSchema.prefault({}),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
})
    .strict();
//# sourceMappingURL=schema.js.map