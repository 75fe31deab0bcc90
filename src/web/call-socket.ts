// The browser call's WebSocket (/api/call): authenticates the upgrade, adapts the socket to a
// BrowserCall and hands the call to the app (`browserCalls`). Each call is isolated: a failing
// handler ends that call only.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log.js';
import type { Call } from '../telephony/call.js';
import { BrowserCall, MAX_MESSAGE_BYTES } from '../telephony/browser-call.js';
import type { DashboardAuth } from './auth.js';

export const CALL_PATH = '/api/call';
const MAX_BROWSER_CALLS = 4;

export interface CallSocketOptions {
  auth: DashboardAuth;
  browserCalls?: (call: Call) => void | Promise<void>;
  logger: Logger;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

export function createCallSocket(options: CallSocketOptions): {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  closeAll(): void;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(MAX_MESSAGE_BYTES, 4096) });
  const calls = new Set<BrowserCall>();

  const accept = (ws: WebSocket, request: IncomingMessage, url: URL): void => {
    const call = new BrowserCall({
      socket: { send: (data) => ws.readyState === ws.OPEN && ws.send(data), close: (code, reason) => ws.close(code, reason) },
      peer: { address: request.socket.remoteAddress ?? '', port: request.socket.remotePort ?? 0 },
      callAs: url.searchParams.get('as') ?? undefined,
      userAgent: request.headers['user-agent'],
    });
    calls.add(call);
    const log = options.logger.child({ callId: call.facts.id });
    log.info('browser call started');
    ws.on('message', (data, isBinary) => {
      const problem = call.receive(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]), isBinary);
      if (problem) ws.send(JSON.stringify({ type: 'error', message: problem }));
    });
    ws.on('close', () => call.socketClosed());
    ws.on('error', (error) => log.warn({ err: error.message }, 'browser call socket error'));
    call.once('hangup', (event) => {
      calls.delete(call);
      log.info({ by: event.by }, 'browser call ended');
    });
    if (!options.browserCalls) {
      void call.hangup('no assistant is attached to browser calls');
      return;
    }
    Promise.resolve()
      .then(() => options.browserCalls!(call))
      .catch((error: Error) => {
        log.error({ err: error.message }, 'browser call handler failed');
        void call.hangup('internal error');
      });
  };

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== CALL_PATH) return refuse(socket, 404, 'Not Found');
      const access = options.auth.check(request.headers);
      if (!access.ok) return refuse(socket, access.status ?? 403, access.error ?? 'Forbidden');
      if (calls.size >= MAX_BROWSER_CALLS) return refuse(socket, 503, 'Too many browser calls');
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, url));
    },
    closeAll() {
      for (const call of calls) void call.hangup('the server is shutting down');
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
