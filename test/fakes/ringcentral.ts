// Local fake of the RingCentral platform REST API the soft-phone uses: JWT / refresh-token OAuth with
// Basic client auth, devices + sip-info (pointing at a real SIP registrar), extensions, presence (with
// activeCalls for Call-ID matching), telephony sessions and party transfer; RingCentral error bodies
// and X-Rate-Limit-* headers; faults (429, 401, 500, token expiry) via inject() or POST /_fake/faults.
// By hand: node --import tsx test/fakes/ringcentral.ts --port 8083 --sip 127.0.0.1:5070 [--password P]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { cliOptions, closeServer, delay, isMain, listen, readBody, sendJson } from './http.js';
import { RingCentralFakeState, rcError, type RcFault, type RingCentralFakeOptions } from './ringcentral-state.js';

export type { RcFault, RingCentralFakeOptions };

export interface RingCentralFake {
  url: string;
  port: number;
  state: RingCentralFakeState;
  close(): Promise<void>;
}

const GROUPS: [RegExp, string, number][] = [
  [/^\/restapi\/oauth\//, 'Auth', 5],
  [/\/sip-provision$/, 'Heavy', 10],
  [/.*/, 'Light', 50],
];

export async function startRingCentralFake(options: RingCentralFakeOptions): Promise<RingCentralFake> {
  const state = new RingCentralFakeState(options);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const raw = (await readBody(request)).toString();
    if (url.pathname === '/_fake/faults' && request.method === 'POST') {
      state.inject(JSON.parse(raw) as RcFault);
      return sendJson(response, 200, {});
    }
    if (options.latencyMs) await delay(options.latencyMs);
    const [, group, limit] = GROUPS.find(([pattern]) => pattern.test(url.pathname))!;
    const rate = { 'x-rate-limit-group': group, 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(limit - 1), 'x-rate-limit-window': '60' };
    const reply = (status: number, body: unknown, extra: Record<string, string> = {}) => sendJson(response, status, body, { ...rate, ...extra });
    state.requests.push({ method: request.method ?? '', path: url.pathname + url.search, body: raw, authorization: request.headers.authorization });

    const fault = state.nextFault(url.pathname);
    if (fault?.kind === '429') {
      const headers: Record<string, string> = { ...rate, 'x-rate-limit-remaining': '0' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      if (fault.window !== undefined) headers['x-rate-limit-window'] = String(fault.window);
      return sendJson(response, 429, rcError('CMN-301', 'Request rate exceeded'), headers);
    }
    if (fault?.kind === '500') return reply(500, rcError('CMN-201', 'Service Temporary Unavailable'));

    if (url.pathname === '/restapi/oauth/token' && request.method === 'POST') {
      const result = state.token(request.headers.authorization, new URLSearchParams(raw));
      return reply(result.status, result.body);
    }
    if (url.pathname === '/restapi/oauth/revoke' && request.method === 'POST') {
      state.revoke(new URLSearchParams(raw).get('token') ?? '');
      return reply(200, {});
    }
    if (url.pathname.startsWith('/restapi/v1.0/')) {
      if (fault?.kind === '401' || !state.validBearer(request.headers.authorization)) {
        return reply(401, rcError('OAU-128', 'Access token expired'));
      }
      let body: any;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return reply(400, rcError('CMN-101', 'Request body is not valid JSON'));
        }
      }
      const result = state.api(request.method ?? 'GET', url, body);
      return reply(result.status, result.body);
    }
    reply(404, rcError('CMN-102', `Resource for parameter [path] is not found`, 'path'));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => sendJson(response, 500, rcError('CMN-500', String(error))));
  });
  const port = await listen(server, options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, port, state, close: () => closeServer(server) };
}


if (isMain(import.meta.url)) {
  const { port, latencyMs } = cliOptions();
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const proxy = arg('--sip') ?? '127.0.0.1:5070';
  const fake = await startRingCentralFake({
    port, latencyMs, clientId: 'fake-client', clientSecret: 'fake-secret', jwt: 'fake-jwt',
    sip: { domain: proxy.split(':')[0]!, proxy, userName: '16505550100', password: arg('--password') ?? randomBytes(6).toString('hex'), authorizationId: '802500100' },
  });
  console.log(`RingCentral fake on ${fake.url}: RINGCENTRAL_SERVER_URL=${fake.url} RINGCENTRAL_CLIENT_ID=fake-client RINGCENTRAL_CLIENT_SECRET=fake-secret RINGCENTRAL_JWT=fake-jwt`);
  console.log(`SIP user ${fake.state.sip.userName} / auth id ${fake.state.sip.authorizationId} / password ${fake.state.sip.password} (register these on the proxy)`);
}
