// Live updates for the dashboard over Server-Sent Events: a snapshot of the calls in progress, then
// every LiveBus message as it happens. Streams are ended when the server closes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveBus } from '../store/live.js';

const HEARTBEAT_MS = 15_000;

export function registerLiveEvents(app: FastifyInstance, live: LiveBus): { closeAll(): void } {
  const open = new Set<() => void>();

  app.get('/api/events', (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const write = (text: string): void => {
      if (!raw.writableEnded) raw.write(text);
    };
    write(`event: snapshot\ndata: ${JSON.stringify({ calls: live.activeCalls() })}\n\n`);
    const unsubscribe = live.subscribe((message) => write(`data: ${JSON.stringify(message)}\n\n`));
    const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = (): void => {
      if (!open.delete(close)) return;
      clearInterval(heartbeat);
      unsubscribe();
      if (!raw.writableEnded) raw.end();
    };
    open.add(close);
    request.raw.on('close', close);
  });

  return {
    closeAll() {
      for (const close of [...open]) close();
    },
  };
}
