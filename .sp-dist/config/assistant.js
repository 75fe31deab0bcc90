// The receptionist's settings: business, customers, agents, blocked numbers, FAQ, screening, options
// and every spoken prompt. Phone numbers are checked here so a bad one names its field at start-up.
import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { defaultPrompts } from './assistant-prompts.js';
export const departments = ['ordering', 'technical support', 'billing'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-01-31');
export const billingSchema = z.object({
    lastDueDate: isoDate.optional(),
    nextDueDate: isoDate,
    paidDate: isoDate.optional(),
    amount: z.number().nonnegative(),
    currency: z.string().length(3).default('USD'),
    status: z.enum(['paid', 'due', 'overdue']).default('due'),
});
export const customerSchema = z.object({
    name: z.string().min(1),
    phoneNumbers: z.array(z.string().min(3)).min(1),
    zip: z.string().regex(/^[0-9A-Za-z -]{3,10}$/, 'expected a ZIP or postal code').optional(),
    billing: billingSchema.optional(),
});
export const agentSchema = z.object({
    name: z.string().min(1),
    department: z.enum(departments),
    /** A SIP URI (sip:103@pbx.example.com) or a bare extension resolved against the caller's server. */
    uri: z.string().regex(/^(sips?:\S+|[0-9*#]{1,15})$/, 'expected a sip: URI or an extension number'),
    transfer: z.enum(['refer', 'bridge']).default('refer'),
    status: z.enum(['available', 'busy', 'offline']).default('available'),
});
export const faqSchema = z.object({
    id: z.string().min(1),
    answer: z.string().min(1),
    /** Phrases (lower case words) any of which selects this answer for a question. */
    triggers: z.array(z.string().min(2)).min(1),
    topic: z.enum([...departments, 'other']).default('other'),
});
export const screeningSchema = z.object({
    enabled: z.boolean().default(true),
    digits: z.number().int().min(3).max(8).default(4),
    attempts: z.number().int().min(1).max(5).default(3),
    /** No speech start (or first key) within this after the challenge → counts as a failed attempt. */
    answerTimeoutMs: z.number().int().min(1000).max(60000).default(8000),
    /** Gap allowed between keypad digits. */
    interDigitTimeoutMs: z.number().int().min(500).max(20000).default(4000),
});
export const optionsSchema = z.object({
    rejectAnonymous: z.boolean().default(false),
    verifyZipBeforeBilling: z.boolean().default(true),
    maxCallDurationSec: z.number().int().min(10).max(86400).default(900),
    /** Re-prompts after silence before the assistant says goodbye. */
    silenceReprompts: z.number().int().min(0).max(5).default(1),
    silenceTimeoutMs: z.number().int().min(1000).max(60000).default(8000),
    declineStatus: z.number().int().min(400).max(699).default(603),
    bargeIn: z.boolean().default(true),
    /** How long a bridged/REFERred agent may take to answer before the caller is told. */
    transferTimeoutMs: z.number().int().min(1000).max(120000).default(30000),
    maxVoiceMessageSec: z.number().int().min(5).max(600).default(60),
});
const prompt = z.string().min(1);
export const promptsSchema = z.object(Object.fromEntries(Object.entries(defaultPrompts).map(([key, text]) => [key, prompt.default(text)])));
const topicPhrases = z.array(z.string().min(2)).default([]);
export const assistantSchema = z
    .object({
    businessName: z.string().min(1).default('frontdesk'),
    /** Default region for numbers without a country code (ISO 3166 alpha-2). */
    region: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter region like US').default('US'),
    customers: z.array(customerSchema).default([]),
    agents: z.array(agentSchema).default([]),
    blocked: z.array(z.string().min(3)).default([]),
    faq: z.array(faqSchema).default([]),
    /** Extra phrases per topic, added to the built-in patterns of the rules brain. */
    topics: z
        .object({ ordering: topicPhrases, 'technical support': topicPhrases, billing: topicPhrases, other: topicPhrases })
        .prefault({}),
    screening: screeningSchema.prefault({}),
    options: optionsSchema.prefault({}),
    prompts: promptsSchema.prefault({}),
})
    .superRefine((value, ctx) => {
    const check = (number, path) => {
        const parsed = parsePhoneNumberFromString(number, value.region);
        if (!parsed?.isPossible())
            ctx.addIssue({ code: 'custom', path, message: `not a phone number: "${number}"` });
    };
    value.customers.forEach((c, i) => c.phoneNumbers.forEach((n, j) => check(n, ['customers', i, 'phoneNumbers', j])));
    value.blocked.forEach((n, i) => check(n, ['blocked', i]));
});
//# sourceMappingURL=assistant.js.map