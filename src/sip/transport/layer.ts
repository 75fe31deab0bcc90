// The SIP transport layer (RFC 3261 §18, RFC 3581): UDP and TCP on one port (+TLS), parsing with
// 400s for answerable garbage, received/rport stamping, §18.2.2 response routing, TCP reuse and limits.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { Logger } from '../../log.js';
import { sipMalformed, sipMessages } from '../../metrics.js';
import type { SipMessage, SipRequest, SipResponse } from '../message.js';
import { parseMessage } from '../parse.js';
import { buildResponse } from '../response.js';
import { serializeMessage } from '../serialize.js';
import { formatVia, parseVia } from '../via.js';
import type { StreamLimits } from './stream.js';
import { ConnectionPool } from './connections.js';
import { defaultPort, type Flow, type TransportKind } from './types.js';
import { pickAdvertisedAddress } from './address.js';

export interface TransportOptions {
  host: string;
  port: number;
  publicAddress?: string;
  ipv6?: boolean;
  tls?: { port: number; cert: string; key: string };
  maxConnections?: number;
  idleMs?: number;
  maxMessageBytes?: number;
  /** TLS client: extra CA (PEM file) and whether to verify the server certificate (default true). */
  tlsClient?: { ca?: string; verify?: boolean };
  logger?: Logger;
}

export interface Listening { transport: TransportKind; address: string; port: number }

export class SipTransportLayer extends EventEmitter<{ request: [SipRequest, Flow]; response: [SipResponse, Flow] }> {
  private readonly udp: UdpSocket[] = [];
  private udp4: UdpSocket | undefined;
  private udp6: UdpSocket | undefined;
  private readonly servers: Server[] = [];
  private readonly pool: ConnectionPool;
  private readonly limits: StreamLimits;
  private boundPort = 0;
  private tlsPort = 0;
  readonly listening: Listening[] = [];

  constructor(private readonly options: TransportOptions) {
    super();
    this.limits = { maxMessageBytes: options.maxMessageBytes ?? 65536, idleMs: options.idleMs ?? 120_000 };
    this.pool = new ConnectionPool({
      limits: this.limits, maxConnections: options.maxConnections ?? 1024, logger: options.logger,
      ...(options.tlsClient ? { tlsClient: options.tlsClient } : {}),
      onMessage: (data, flow) => this.receive(data, flow),
      onGarbage: (transport, error) => {
        sipMalformed.inc({ action: 'dropped' });
        options.logger?.debug({ transport, error }, 'closing a connection that sent unframeable data');
      },
    });
  }

  /** Address written into Via, Contact and SDP. */
  get advertisedAddress(): string {
    return this.options.publicAddress ?? pickAdvertisedAddress(this.options.host);
  }

  /** Port written into Via/Contact for a transport. */
  portFor(transport: TransportKind): number {
    // Without a TLS listener, TLS flows are client connections (e.g. to RingCentral): requests come
    // back over them, so any real port will do; 0 would make the Contact invalid.
    return transport === 'tls' && this.tlsPort ? this.tlsPort : this.boundPort;
  }

  async start(): Promise<void> {
    const hosts = [this.options.host];
    if (this.options.ipv6 && !this.options.host.includes(':')) hosts.push('::');
    let port = this.options.port;
    for (const host of hosts) {
      const udp = await this.bindUdp(host, port);
      port = udp.address().port; // port 0 → the same ephemeral port for TCP and IPv6
      this.udp.push(udp);
      if (host.includes(':')) this.udp6 ??= udp;
      else this.udp4 ??= udp;
      this.listening.push({ transport: 'udp', address: host, port });
      const tcp = createServer((socket) => this.pool.adopt(socket, 'tcp'));
      await this.listen(tcp, host, port);
      this.servers.push(tcp);
      this.listening.push({ transport: 'tcp', address: host, port });
    }
    this.boundPort = port;
    const tls = this.options.tls;
    if (tls) {
      const server = createTlsServer({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, (s) => this.pool.adopt(s, 'tls'));
      await this.listen(server, this.options.host, tls.port);
      this.tlsPort = (server.address() as { port: number }).port;
      this.servers.push(server);
      this.listening.push({ transport: 'tls', address: this.options.host, port: this.tlsPort });
    }
  }

  async stop(): Promise<void> {
    this.pool.closeAll();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await Promise.all(this.udp.map((s) => new Promise<void>((r) => { try { s.close(() => r()); } catch { r(); } })));
    this.servers.length = 0;
    this.udp.length = 0;
    this.udp4 = this.udp6 = undefined;
  }

  /** Sends a request or ACK along a flow, opening a TCP/TLS connection when none is open to it. */
  async send(message: SipMessage, flow: Flow): Promise<void> {
    const data = serializeMessage(message);
    this.count('out', message);
    if (flow.transport === 'udp') return this.sendDatagram(data, flow.address, flow.port);
    const connection = await this.pool.open(flow);
    await connection.write(data);
  }

  /** RFC 5626 §4.4.1 CRLF keep-alive on the stream connection to `flow` (opened if needed). */
  async keepAlive(flow: Flow): Promise<void> {
    if (flow.transport === 'udp') return;
    const connection = await this.pool.open(flow);
    await connection.write(Buffer.from('\r\n\r\n'));
  }

  /** §18.2.2: the request's connection if still open, else the Via's received/rport or sent-by. */
  async sendResponse(response: SipResponse, requestFlow: Flow): Promise<void> {
    const data = serializeMessage(response);
    this.count('out', response);
    const via = parseVia(response.headers.get('Via') ?? '');
    if (requestFlow.transport !== 'udp') {
      const open = this.pool.get(requestFlow.connectionId);
      if (open) return open.write(data);
      const port = via?.port ?? defaultPort(requestFlow.transport);
      const connection = await this.pool.open({ transport: requestFlow.transport, address: requestFlow.address, port });
      return connection.write(data);
    }
    if (!via) return this.sendDatagram(data, requestFlow.address, requestFlow.port);
    const rport = via.params.rport ? Number(via.params.rport) : undefined;
    const address = via.params.received ?? requestFlow.address;
    return this.sendDatagram(data, address, rport ?? via.port ?? 5060);
  }

  private sendDatagram(data: Buffer, address: string, port: number): Promise<void> {
    const socket = (address.includes(':') ? this.udp6 : this.udp4) ?? this.udp[0];
    if (!socket) return Promise.reject(new Error('UDP transport not started'));
    return new Promise((resolve, reject) => socket.send(data, port, address, (err) => (err ? reject(err) : resolve())));
  }

  private receive(data: Buffer, flow: Flow): void {
    try {
      const result = parseMessage(data, { maxBytes: this.limits.maxMessageBytes });
      if (!result.ok) return this.rejectMalformed(result.error, result.request, flow);
      const message = result.message;
      this.count('in', message);
      if (message.kind === 'response') {
        this.emit('response', message, flow);
        return;
      }
      this.stampVia(message, flow);
      this.emit('request', message, flow);
    } catch (err) {
      this.options.logger?.error({ err }, 'SIP message handler failed');
    }
  }

  private rejectMalformed(error: string, request: SipRequest | undefined, flow: Flow): void {
    if (!request || request.method === 'ACK') {
      sipMalformed.inc({ action: 'dropped' });
      return;
    }
    sipMalformed.inc({ action: 'answered' });
    this.stampVia(request, flow);
    const status = /too large/.test(error) ? 513 : 400;
    const reason = `${status === 513 ? 'Message Too Large' : 'Bad Request'} (${error.replace(/[\r\n]+/g, ' ').slice(0, 80)})`;
    this.sendResponse(buildResponse(request, status, reason), flow).catch(() => undefined);
  }

  /** RFC 3261 §18.2.1 received, RFC 3581 rport. */
  private stampVia(request: SipRequest, flow: Flow): void {
    const vias = request.headers.getAll('Via');
    const top = parseVia(vias[0] ?? '');
    if (!top) return;
    if (top.host !== flow.address) top.params.received = flow.address;
    if ('rport' in top.params) {
      top.params.rport = String(flow.port);
      top.params.received = flow.address;
    }
    request.headers.set('Via', [formatVia(top), ...vias.slice(1)]);
  }

  private count(direction: 'in' | 'out', message: SipMessage): void {
    sipMessages.inc({ direction, kind: message.kind === 'request' ? message.method : `${Math.floor(message.status / 100)}xx` });
  }

  private bindUdp(host: string, port: number): Promise<UdpSocket> {
    // ipv6Only: an IPv6 socket beside an IPv4 one on the same port must not claim IPv4 too.
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false, ipv6Only: host.includes(':') });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.removeListener('error', reject);
        try {
          // Bursts (many calls starting at once, a GC pause) must queue in the kernel, not be dropped.
          socket.setRecvBufferSize(4 << 20);
          socket.setSendBufferSize(1 << 20);
        } catch {
          // Capped or refused by the OS: the default buffers still work.
        }
        socket.on('error', (err) => this.options.logger?.warn({ err }, 'UDP socket error'));
        socket.on('message', (data, rinfo) => this.receive(data, { transport: 'udp', address: rinfo.address, port: rinfo.port }));
        resolve(socket);
      });
    });
  }

  private listen(server: Server, host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, ipv6Only: host.includes(':') }, () => {
        server.removeListener('error', reject);
        server.on('error', (err) => this.options.logger?.warn({ err }, 'SIP listener error'));
        resolve();
      });
    });
  }
}
