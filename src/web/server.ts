// The HTTP side of frontdesk, in the same process as the calls: /healthz and /metrics (no auth), the
// dashboard (static page + JSON API + live events) and the browser call socket, behind the admin token.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { registry } from '../metrics.js';
import type { CallStore } from '../store/store.js';
import type { LiveBus } from '../store/live.js';
import { StoreError } from '../store/common.js';
import type { Call } from '../telephony/call.js';
import { BadRequest, registerApi } from './api.js';
import { DashboardAuth } from './auth.js';
import { createCallSocket } from './call-socket.js';
import { registerLiveEvents } from './live-events.js';
import { registerStatic } from './static.js';
import type { StatusSnapshot } from './status.js';

export interface WebServerOptions {
  config: Config;
  store: CallStore;
  live: LiveBus;
  status: () => StatusSnapshot | Promise<StatusSnapshot>;
  /** Receives each browser call ("Call the assistant"); without it browser calls are refused. */
  browserCalls?: (call: Call) => void | Promise<void>;
  logger: Logger;
  /** Overrides the token read from the environment variable named in the config (tests). */
  adminToken?: string;
  env?: Record<string, string | undefined>;
}

export interface WebServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

const PUBLIC_API = new Set(['/api/session', '/api/login', '/api/logout']);

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { config, logger } = options;
  const http = config.operations.http;
  const token = options.adminToken ?? (options.env ?? process.env)[http.adminTokenEnv] ?? undefined;
  const auth = new DashboardAuth(token || undefined, http.host, http.adminTokenEnv);
  if (auth.mode === 'closed') logger.warn({ host: http.host }, `dashboard disabled: listening beyond loopback without ${http.adminTokenEnv}`);

  // Request logging is off: URLs carry callers' numbers (history filters).
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof BadRequest || error instanceof StoreError) return reply.code(400).send({ error: error.message });
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    logger.error({ err: error.message }, 'web request failed');
    return reply.code(500).send({ error: 'internal error' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));

  app.get('/healthz', async (_request, reply) => {
    try {
      const snapshot = await options.status();
      return { status: 'ok', sip: snapshot.sip };
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'status snapshot failed');
      return reply.code(500).send({ status: 'error' });
    }
  });
  app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/') || PUBLIC_API.has(path)) return;
    const access = auth.check(request.headers);
    if (!access.ok) return reply.code(access.status ?? 403).send({ error: access.error });
  });

  app.get('/api/session', async (request) => ({
    authenticated: auth.check(request.headers).ok,
    authRequired: auth.mode === 'token',
    tokenEnv: auth.tokenEnv,
    notice: auth.notice(),
  }));
  app.post('/api/login', async (request, reply) => {
    const body = (request.body ?? {}) as { token?: unknown };
    if (!auth.checkLogin(body.token)) return reply.code(401).send({ error: auth.mode === 'token' ? 'wrong admin token' : 'no admin token is configured' });
    const secure = request.protocol === 'https';
    return reply.header('set-cookie', auth.sessionCookie(secure)).code(204).send();
  });
  app.post('/api/logout', async (_request, reply) => reply.header('set-cookie', DashboardAuth.clearedCookie()).code(204).send());

  registerApi(app, { store: options.store, live: options.live, config, status: options.status, notice: auth.notice() });
  const events = registerLiveEvents(app, options.live);
  registerStatic(app);

  const calls = createCallSocket({ auth, browserCalls: options.browserCalls, logger: logger.child({ component: 'browser-call' }) });
  app.server.on('upgrade', (request, socket, head) => calls.handleUpgrade(request, socket, head));
  app.addHook('preClose', async () => {
    events.closeAll();
    calls.closeAll();
  });

  await app.listen({ host: http.host, port: http.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const host = http.host.includes(':') ? `[${http.host}]` : http.host === '0.0.0.0' ? '127.0.0.1' : http.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, auth: auth.mode }, 'web dashboard listening');
  return { url, app, close: () => app.close() };
}
