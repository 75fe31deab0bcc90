// What the transport layer tells the layers above about where a message came from or goes to.
// A Flow is a transport + remote address; for TCP/TLS it also names the connection to reuse.
export type TransportKind = 'udp' | 'tcp' | 'tls';

export interface Flow {
  transport: TransportKind;
  address: string;
  port: number;
  /** Stream connection the message arrived on (TCP/TLS); responses and in-dialog requests reuse it. */
  connectionId?: string;
}

export function isReliable(transport: TransportKind): boolean {
  return transport !== 'udp';
}

/** Default port for a transport (RFC 3261 §19.1.2). */
export function defaultPort(transport: TransportKind): number {
  return transport === 'tls' ? 5061 : 5060;
}

export function flowKey(flow: Pick<Flow, 'transport' | 'address' | 'port'>): string {
  return `${flow.transport}:${flow.address}:${flow.port}`;
}
