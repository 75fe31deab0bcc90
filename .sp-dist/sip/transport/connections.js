// The TCP/TLS connection pool: reuse keyed by remote address (and by connection id for flows that
// arrived on one), outgoing connects (TLS verified against system CAs plus an optional extra CA), limits.
import { connect as tcpConnect, isIP } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { readFileSync } from 'node:fs';
import { StreamConnection } from './stream.js';
import { flowKey } from './types.js';
export class ConnectionPool {
    options;
    connections = new Map();
    byRemote = new Map();
    nextId = 1;
    constructor(options) {
        this.options = options;
    }
    get(id) {
        const connection = id ? this.connections.get(id) : undefined;
        return connection?.isOpen ? connection : undefined;
    }
    /** The open connection for a flow (by id, then by remote address), or a new outgoing one. */
    async open(flow) {
        const byId = this.get(flow.connectionId);
        if (byId)
            return byId;
        const existing = this.get(this.byRemote.get(flowKey(flow)));
        if (existing)
            return existing;
        const socket = await new Promise((resolve, reject) => {
            const s = flow.transport === 'tls'
                ? tlsConnect(this.tlsOptions(flow), () => resolve(s))
                : tcpConnect({ host: flow.address, port: flow.port }, () => resolve(s));
            s.once('error', reject);
            s.setTimeout(10_000, () => s.destroy(new Error('connect timeout')));
        });
        socket.setTimeout(0);
        socket.removeAllListeners('error');
        return this.adopt(socket, flow.transport, flow.port);
    }
    /** Takes over an accepted or connected socket; over the limit it is closed at once. */
    adopt(socket, transport, remotePort) {
        const id = `${transport}-${this.nextId++}`;
        const connection = new StreamConnection(id, transport, socket, this.options.limits);
        if (this.connections.size >= this.options.maxConnections) {
            this.options.logger?.warn({ transport }, 'connection limit reached; refusing a connection');
            connection.close();
            return connection;
        }
        const key = flowKey({ transport, address: connection.address, port: remotePort ?? connection.port });
        this.connections.set(id, connection);
        this.byRemote.set(key, id);
        connection.on('message', (data) => this.options.onMessage(data, { transport, address: connection.address, port: connection.port, connectionId: id }));
        connection.on('garbage', (error) => this.options.onGarbage(transport, error));
        connection.on('close', () => {
            this.connections.delete(id);
            if (this.byRemote.get(key) === id)
                this.byRemote.delete(key);
        });
        return connection;
    }
    closeAll() {
        for (const connection of [...this.connections.values()])
            connection.close();
    }
    tlsOptions(flow) {
        const client = this.options.tlsClient ?? {};
        return {
            host: flow.address, port: flow.port, rejectUnauthorized: client.verify !== false,
            ...(isIP(flow.address) ? {} : { servername: flow.address }),
            ...(client.ca ? { ca: [...rootCertificates, readFileSync(client.ca, 'utf8')] } : {}),
        };
    }
}
//# sourceMappingURL=connections.js.map