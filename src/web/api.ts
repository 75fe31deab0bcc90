// The dashboard's JSON API: call history with filters, call detail with its events, live calls, the
// waiting list, voice messages (with audio), status and the masked config. Auth is checked by server.ts.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CallStore } from '../store/store.js';
import type { LiveBus } from '../store/live.js';
import { OUTCOMES } from '../store/common.js';
import { maskConfig } from './mask.js';
import { versions, type StatusSnapshot } from './status.js';

export interface ApiContext {
  store: CallStore;
  live: LiveBus;
  config: unknown;
  status: () => StatusSnapshot | Promise<StatusSnapshot>;
  notice?: string;
}

const date = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), 'expected a date like 2026-03-01 or an ISO time')
  .transform((text) => new Date(text));

const callsQuery = z.object({
  number: z.string().max(64).optional(),
  outcome: z.enum(OUTCOMES as [string, ...string[]]).optional(),
  since: date.optional(),
  until: date.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

export class BadRequest extends Error {}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BadRequest(`${issue.path.join('.') || 'request'}: ${issue.message}`);
  }
  return result.data;
}

const AUDIO_TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.opus': 'audio/ogg' };

async function sendAudio(reply: FastifyReply, path: string | undefined): Promise<FastifyReply> {
  if (!path) return reply.code(404).send({ error: 'no recording' });
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return reply.code(404).send({ error: 'the audio file is missing' });
  return reply
    .type(AUDIO_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream')
    .header('content-length', info.size)
    .header('cache-control', 'private, no-store')
    .send(createReadStream(path));
}

export function registerApi(app: FastifyInstance, context: ApiContext): void {
  const { store, live } = context;

  app.get('/api/calls', async (request) => {
    const query = parse(callsQuery, request.query);
    return { calls: await store.listCalls(query as Parameters<CallStore['listCalls']>[0]) };
  });

  app.get<{ Params: { id: string } }>('/api/calls/:id', async (request, reply) => {
    const record = await store.getCall(request.params.id);
    return record ?? reply.code(404).send({ error: 'no such call' });
  });

  app.get<{ Params: { id: string } }>('/api/calls/:id/recording', async (request, reply) => {
    const record = await store.getCall(request.params.id);
    if (!record) return reply.code(404).send({ error: 'no such call' });
    return sendAudio(reply, record.summary.recordingPath);
  });

  app.get('/api/live', async () => ({ calls: live.activeCalls() }));

  app.get('/api/callbacks', async (request) => {
    const { pending } = parse(z.object({ pending: z.enum(['true', 'false']).optional() }), request.query);
    return { callbacks: await store.listCallbacks({ pending: pending === 'true' }) };
  });

  app.post('/api/callbacks/:id/called-back', async (request, reply) => {
    const { id } = parse(idParam, request.params);
    await store.markCalledBack(id);
    return reply.code(204).send();
  });

  app.get('/api/voice-messages', async () => ({ messages: await store.listVoiceMessages() }));

  app.get('/api/voice-messages/:id/audio', async (request, reply) => {
    const { id } = parse(idParam, request.params);
    const message = store.getVoiceMessage ? await store.getVoiceMessage(id) : (await store.listVoiceMessages()).find((m) => m.id === id);
    if (!message) return reply.code(404).send({ error: 'no such voice message' });
    return sendAudio(reply, message.path);
  });

  app.get('/api/status', async () => {
    const snapshot = await context.status();
    return { ...snapshot, versions: versions(store.kind), uptimeSeconds: Math.round(process.uptime()), notice: context.notice };
  });

  app.get('/api/config', async () => ({ config: maskConfig(context.config) }));
}
