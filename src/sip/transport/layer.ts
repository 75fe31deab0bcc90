// The SIP transport layer (RFC 3261 §18, RFC 3581): UDP and TCP on one port (+TLS), parsing with
// 400s for answerable garbage, received/rport stamping, §18.2.2 response routing, TCP reuse and limits.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, connect as tlsConnect, rootCertificates, type ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { Logger } from '../../log.js';
import { sipMalformed, sipMessages } from '../../metrics.js';
import type { SipMessage, SipRequest, SipResponse } from '../message.js';
import { parseMessage } from '../parse.js';
import { buildResponse } from '../response.js';
import { serializeMessage } from '../serialize.js';
import { formatVia, parseVia } from '../via.js';
import { StreamConnection, type StreamLimits } from './stream.js';
import { defaultPort, flowKey, type Flow, type TransportKind } from './types.js';
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
  private readonly servers: Server[] = [];
  private readonly connections = new Map<string, StreamConnection>();
  private readonly byRemote = new Map<string, string>();
  private readonly limits: StreamLimits;
  private nextConnectionId = 1;
  private boundPort = 0;
  private tlsPort = 0;
  readonly listening: Listening[] = [];

  constructor(private readonly options: TransportOptions) {
    super();
    this.limits = { maxMessageBytes: options.maxMessageBytes ?? 65536, idleMs: options.idleMs ?? 120_000 };
  }

  /** Address written into Via, Contact and SDP. */
  get advertisedAddress(): string {
    return this.options.publicAddress ?? pickAdvertisedAddress(this.options.host);
  }

  /** Port written into Via/Contact for a transport. */
  portFor(transport: TransportKind): number {
    return transport === 'tls' ? this.tlsPort : this.boundPort;
  }

  async start(): Promise<void> {
    const hosts = [this.options.host];
    if (this.options.ipv6 && !this.options.host.includes(':')) hosts.push('::');
    let port = this.options.port;
    for (const host of hosts) {
      const udp = await this.bindUdp(host, port);
      port = udp.address().port; // port 0 → the same ephemeral port for TCP and IPv6
      this.udp.push(udp);
      this.listening.push({ transport: 'udp', address: host, port });
      const tcp = createServer((socket) => this.adopt(socket, 'tcp'));
      await this.listen(tcp, host, port);
      this.servers.push(tcp);
      this.listening.push({ transport: 'tcp', address: host, port });
    }
    this.boundPort = port;
    const tls = this.options.tls;
    if (tls) {
      const server = createTlsServer({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, (s) => this.adopt(s, 'tls'));
      await this.listen(server, this.options.host, tls.port);
      this.tlsPort = (server.address() as { port: number }).port;
      this.servers.push(server);
      this.listening.push({ transport: 'tls', address: this.options.host, port: this.tlsPort });
    }
  }

  async stop(): Promise<void> {
    for (const c of [...this.connections.values()]) c.close();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await Promise.all(this.udp.map((s) => new Promise<void>((r) => { try { s.close(() => r()); } catch { r(); } })));
    this.servers.length = 0;
    this.udp.length = 0;
  }

  /** Sends a request or ACK along a flow, opening a TCP/TLS connection when none is open to it. */
  async send(message: SipMessage, flow: Flow): Promise<void> {
    const data = serializeMessage(message);
    this.count('out', message);
    if (flow.transport === 'udp') return this.sendDatagram(data, flow.address, flow.port);
    const connection = await this.connectionFor(flow);
    await connection.write(data);
  }

  /** RFC 5626 §4.4.1 CRLF keep-alive on the stream connection to `flow` (opened if needed). */
  async keepAlive(flow: Flow): Promise<void> {
    if (flow.transport === 'udp') return;
    const connection = await this.connectionFor(flow);
    await connection.write(Buffer.from('\r\n\r\n'));
  }

  /** §18.2.2: the request's connection if still open, else the Via's received/rport or sent-by. */
  async sendResponse(response: SipResponse, requestFlow: Flow): Promise<void> {
    const data = serializeMessage(response);
    this.count('out', response);
    const via = parseVia(response.headers.get('Via') ?? '');
    if (requestFlow.transport !== 'udp') {
      const open = requestFlow.connectionId ? this.connections.get(requestFlow.connectionId) : undefined;
      if (open?.isOpen) return open.write(data);
      const port = via?.port ?? defaultPort(requestFlow.transport);
      const connection = await this.connectionFor({ transport: requestFlow.transport, address: requestFlow.address, port });
      return connection.write(data);
    }
    if (!via) return this.sendDatagram(data, requestFlow.address, requestFlow.port);
    const rport = via.params.rport ? Number(via.params.rport) : undefined;
    const address = via.params.received ?? requestFlow.address;
    return this.sendDatagram(data, address, rport ?? via.port ?? 5060);
  }

  private sendDatagram(data: Buffer, address: string, port: number): Promise<void> {
    const socket = this.udp.find((s) => (s.address().family === 'IPv6') === address.includes(':')) ?? this.udp[0];
    if (!socket) return Promise.reject(new Error('UDP transport not started'));
    return new Promise((resolve, reject) => socket.send(data, port, address, (err) => (err ? reject(err) : resolve())));
  }

  private async connectionFor(flow: Flow): Promise<StreamConnection> {
    const byId = flow.connectionId ? this.connections.get(flow.connectionId) : undefined;
    if (byId?.isOpen) return byId;
    const existingId = this.byRemote.get(flowKey(flow));
    const existing = existingId ? this.connections.get(existingId) : undefined;
    if (existing?.isOpen) return existing;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = flow.transport === 'tls'
        ? tlsConnect(this.tlsClientOptions(flow), () => resolve(s))
        : tcpConnect({ host: flow.address, port: flow.port }, () => resolve(s));
      s.once('error', reject);
      s.setTimeout(10_000, () => s.destroy(new Error('connect timeout')));
    });
    socket.setTimeout(0);
    socket.removeAllListeners('error');
    return this.adopt(socket, flow.transport, flow.port);
  }

  private tlsClientOptions(flow: Flow): ConnectionOptions {
    const client = this.options.tlsClient ?? {};
    return {
      host: flow.address, port: flow.port, rejectUnauthorized: client.verify !== false,
      ...(isIP(flow.address) ? {} : { servername: flow.address }),
      ...(client.ca ? { ca: [...rootCertificates, readFileSync(client.ca, 'utf8')] } : {}),
    };
  }

  private adopt(socket: Socket, transport: TransportKind, remotePort?: number): StreamConnection {
    const id = `${transport}-${this.nextConnectionId++}`;
    const connection = new StreamConnection(id, transport, socket, this.limits);
    if (this.connections.size >= (this.options.maxConnections ?? 1024)) {
      this.options.logger?.warn({ transport }, 'connection limit reached; refusing a connection');
      connection.close();
      return connection;
    }
    const key = flowKey({ transport, address: connection.address, port: remotePort ?? connection.port });
    this.connections.set(id, connection);
    this.byRemote.set(key, id);
    connection.on('message', (data) => this.receive(data, { transport, address: connection.address, port: connection.port, connectionId: id }));
    connection.on('garbage', (error) => {
      sipMalformed.inc({ action: 'dropped' });
      this.options.logger?.debug({ transport, error }, 'closing a connection that sent unframeable data');
    });
    connection.on('close', () => {
      this.connections.delete(id);
      if (this.byRemote.get(key) === id) this.byRemote.delete(key);
    });
    return connection;
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
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.removeListener('error', reject);
        socket.on('error', (err) => this.options.logger?.warn({ err }, 'UDP socket error'));
        socket.on('message', (data, rinfo) => this.receive(data, { transport: 'udp', address: rinfo.address, port: rinfo.port }));
        resolve(socket);
      });
    });
  }

  private listen(server: Server, host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.removeListener('error', reject);
        server.on('error', (err) => this.options.logger?.warn({ err }, 'SIP listener error'));
        resolve();
      });
    });
  }
}
