import { EventEmitter } from 'node:events';
import { StreamFramer } from '../framing.js';
export class StreamConnection extends EventEmitter {
    id;
    transport;
    socket;
    limits;
    address;
    port;
    framer;
    idleTimer;
    closed = false;
    constructor(id, transport, socket, limits) {
        super();
        this.id = id;
        this.transport = transport;
        this.socket = socket;
        this.limits = limits;
        this.address = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
        this.port = socket.remotePort ?? 0;
        this.framer = new StreamFramer({ maxBytes: limits.maxMessageBytes });
        socket.setNoDelay(true);
        socket.on('data', (chunk) => this.onData(chunk));
        socket.on('error', () => this.close());
        socket.on('end', () => this.close());
        socket.on('close', () => this.close());
        this.touch();
    }
    get isOpen() {
        return !this.closed && !this.socket.destroyed;
    }
    write(data) {
        if (!this.isOpen)
            return Promise.reject(new Error('connection closed'));
        this.touch();
        return new Promise((resolve, reject) => {
            this.socket.write(data, (err) => (err ? reject(err) : resolve()));
        });
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        clearTimeout(this.idleTimer);
        this.socket.destroy();
        this.emit('close');
    }
    onData(chunk) {
        this.touch();
        for (const event of this.framer.push(chunk)) {
            if (event.kind === 'message')
                this.emit('message', event.data);
            else if (event.kind === 'ping')
                this.socket.write('\r\n');
            else if (event.kind === 'error') {
                this.emit('garbage', event.error);
                this.close();
                return;
            }
        }
    }
    touch() {
        clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => this.close(), this.limits.idleMs);
        this.idleTimer.unref();
    }
}
//# sourceMappingURL=stream.js.map