// Cloud providers (all optional): RingCentral, IBM Watson, OpenAI-compatible, Deepgram.
// Secrets never live here: only the names of environment variables (or files) that hold them,
// resolved at use time by `secret()` so tokens stay in memory only.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
/** Where one secret comes from: an env var (the seed's names by default) or a file path. */
const secretRef = (envName) => z.object({ env: z.string().default(envName), file: z.string().optional() }).prefault({});
export const ringcentralSchema = z.object({
    serverUrl: z.string().default('https://platform.ringcentral.com'),
    serverUrlEnv: z.string().default('RINGCENTRAL_SERVER_URL'),
    clientId: secretRef('RINGCENTRAL_CLIENT_ID'),
    clientSecret: secretRef('RINGCENTRAL_CLIENT_SECRET'),
    jwt: secretRef('RINGCENTRAL_JWT'),
    /** Name of the "Existing Phone" device to use (the seed's "My SIP phone"); first OtherPhone when absent. */
    deviceName: z.string().optional(),
    /** Preferred SIP transport to the outbound proxy; TCP is the fallback when TLS fails. */
    transport: z.enum(['tls', 'tcp']).default('tls'),
    /** Skip certificate checks on the proxy (only for the local fake). */
    insecureTls: z.boolean().default(false),
    /** Seconds before access-token expiry at which it is renewed. */
    refreshMarginSeconds: z.number().int().min(5).max(1800).default(120),
});
export const watsonSchema = z.object({
    /** Service URL of the instance's region, without /instances/…; WATSON_STT_URL overrides. */
    url: z.string().default('https://api.us-south.speech-to-text.watson.cloud.ibm.com'),
    urlEnv: z.string().default('WATSON_STT_URL'),
    iamUrl: z.string().default('https://iam.cloud.ibm.com'),
    apiKey: secretRef('WATSON_SPEECH2TEXT_API_KEY'),
    instanceId: secretRef('STT_INSTANCE_ID'),
    model: z.string().default('en-US_Telephony'),
    /** end_of_phrase_silence_time per recognition context, seconds. */
    endSilence: z
        .object({ digits: z.number().min(0.1).max(10).default(0.6), yesNo: z.number().min(0.1).max(10).default(0.5), free: z.number().min(0.1).max(10).default(1.0) })
        .prefault({}),
    smartFormatting: z.boolean().default(true),
});
export const openaiSchema = z.object({
    /** Base URL up to /v1. GPT_SERVER_URL overrides; a bare host such as "api.openai.com" is accepted (the seed's form). */
    url: z.string().default('https://api.openai.com/v1'),
    urlEnv: z.string().default('GPT_SERVER_URL'),
    apiKey: secretRef('GPT_API_KEY'),
    model: z.string().default('gpt-4o-mini'),
    modelEnv: z.string().default('GPT_MODEL'),
    /** json_schema (OpenAI, Ollama, llama.cpp, vLLM), json_object (older servers) or none (prompt only). */
    structuredOutput: z.enum(['json_schema', 'json_object', 'none']).default('json_schema'),
    /** Whether the server understands stream:true with SSE (all known ones do). */
    streaming: z.boolean().default(true),
    /** A turn that takes longer falls back to the rules brain. */
    timeoutMs: z.number().int().min(100).max(60000).default(4000),
    temperature: z.number().min(0).max(2).default(0.2),
    tts: z
        .object({
        model: z.string().default('tts-1'),
        voice: z.string().default('alloy'),
        speed: z.number().min(0.25).max(4).default(1),
        timeoutMs: z.number().int().min(100).max(60000).default(8000),
    })
        .prefault({}),
});
export const deepgramSchema = z.object({
    url: z.string().default('wss://api.deepgram.com'),
    urlEnv: z.string().default('DEEPGRAM_URL'),
    apiKey: secretRef('DEEPGRAM_API_KEY'),
    model: z.string().default('nova-3'),
    language: z.string().default('en'),
    /** endpointing (ms of silence) per recognition context. */
    endpointingMs: z
        .object({ digits: z.number().int().min(10).default(500), yesNo: z.number().int().min(10).default(400), free: z.number().int().min(10).default(900) })
        .prefault({}),
});
export const cloudSchema = z.object({
    ringcentral: ringcentralSchema.prefault({}),
    watson: watsonSchema.prefault({}),
    openai: openaiSchema.prefault({}),
    deepgram: deepgramSchema.prefault({}),
});
/** A secret's value, or undefined when neither the file nor the env var provides one. */
export function secret(ref, env = process.env) {
    if (ref.file) {
        try {
            const value = readFileSync(ref.file, 'utf8').trim();
            if (value)
                return value;
        }
        catch {
            // fall through to the environment; doctor reports the unreadable file
        }
    }
    const value = env[ref.env]?.trim();
    return value ? value : undefined;
}
/** Where a missing secret should be put, for error messages (never the value). */
export function secretSource(ref) {
    return ref.file ? `file ${ref.file} or env ${ref.env}` : `env ${ref.env}`;
}
export function ringcentralServer(config, env = process.env) {
    return trimSlash(env[config.serverUrlEnv]?.trim() || config.serverUrl);
}
export function watsonServiceUrl(config, env = process.env) {
    return trimSlash(env[config.urlEnv]?.trim() || config.url);
}
/** Base URL ending in /v1 (or the server's own prefix); bare hosts get https:// and /v1. */
export function openaiBaseUrl(config, env = process.env) {
    let url = env[config.urlEnv]?.trim() || config.url;
    if (!/^https?:\/\//i.test(url))
        url = `https://${url}`;
    url = trimSlash(url);
    return new URL(url).pathname === '/' || new URL(url).pathname === '' ? `${url}/v1` : url;
}
export function openaiModel(config, env = process.env) {
    return env[config.modelEnv]?.trim() || config.model;
}
export function deepgramUrl(config, env = process.env) {
    return trimSlash(env[config.urlEnv]?.trim() || config.url);
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}
//# sourceMappingURL=cloud.js.map