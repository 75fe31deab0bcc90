// Serves the dashboard's static files (plain HTML/CSS/JS, no build step) from src/web/public. After
// `npm run build` the module runs from dist/web, so the sources' public/ is found as a fallback.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function publicDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, 'public'), resolve(here, '../../src/web/public')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

export function registerStatic(app: FastifyInstance): void {
  const root = publicDir();
  const send = async (name: string, reply: import('fastify').FastifyReply) => {
    const ext = /\.[a-z]+$/.exec(name)?.[0] ?? '';
    const type = TYPES[ext];
    if (!type || !/^[a-z0-9][a-z0-9.-]*$/.test(name)) return reply.code(404).send({ error: 'not found' });
    try {
      const body = await readFile(join(root, name));
      return reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);
    } catch {
      return reply.code(404).send({ error: 'not found' });
    }
  };
  app.get('/', (_request, reply) => send('index.html', reply));
  app.get<{ Params: { name: string } }>('/static/:name', (request, reply) => send(request.params.name, reply));
}
