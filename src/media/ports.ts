// PortAllocator: hands out bound UDP socket pairs (even RTP port, RTP+1 for RTCP) from a range such
// as "20000-29999". Binding is the availability check, so a port held by another process is skipped.
import { createSocket, type Socket } from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';

export interface PortPair {
  rtpPort: number;
  rtcpPort: number;
  rtp: Socket;
  rtcp: Socket;
}

export class PortRangeError extends Error {}

export function parsePortRange(range: string): { min: number; max: number } {
  const match = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(range);
  if (!match) throw new PortRangeError(`port range must look like "20000-29999", got "${range}"`);
  const min = Number(match[1]);
  const max = Number(match[2]);
  if (min < 1024 || max > 65535 || max - min < 1) {
    throw new PortRangeError(`port range ${range} must lie within 1024-65535 and hold at least one pair`);
  }
  return { min, max };
}

// Media is sent to IP literals only (SDP addresses are checked, latched ones come from the kernel):
// answering those at once spares every packet dgram's default lookup, deferred to the next tick.
const literalLookup = (address: string, family: number, callback: (error: Error | null, address: string, family: number) => void): void => {
  const literal = isIP(address);
  if (literal) callback(null, address, literal);
  else dnsLookup(address, family, callback);
};

function bindSocket(address: string, port: number): Promise<Socket> {
  const socket = createSocket({ type: address.includes(':') ? 'udp6' : 'udp4', lookup: literalLookup as never });
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      socket.close();
      reject(error);
    };
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** A taken port means "try the next pair"; anything else (bad address) fails the allocation at once. */
function skipIfTaken(error: unknown): undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') return undefined;
  throw error;
}

export class PortAllocator {
  private readonly first: number;
  private readonly last: number;
  private readonly inUse = new Set<number>();
  private cursor: number;

  constructor(range: string | { min: number; max: number } = '20000-29999') {
    const { min, max } = typeof range === 'string' ? parsePortRange(range) : range;
    this.first = min % 2 === 0 ? min : min + 1;
    this.last = max % 2 === 1 ? max - 1 : max - 2; // last even port whose RTCP partner is in range
    if (this.last < this.first) throw new PortRangeError(`port range ${min}-${max} holds no even/odd pair`);
    this.cursor = this.first;
  }

  get capacity(): number {
    return (this.last - this.first) / 2 + 1;
  }

  get allocated(): number {
    return this.inUse.size;
  }

  /** Binds the next free pair on `address`. Round-robin, so a just-released pair is reused last
   *  (stray packets from the previous call do not reach the next one). */
  async allocate(address: string): Promise<PortPair> {
    for (let attempts = 0; attempts < this.capacity; attempts++) {
      const port = this.cursor;
      this.cursor = port + 2 > this.last ? this.first : port + 2;
      if (this.inUse.has(port)) continue;
      this.inUse.add(port);
      const pair = await this.tryBind(address, port);
      if (pair) return pair;
      this.inUse.delete(port);
    }
    throw new PortRangeError(`no free RTP port pair in ${this.first}-${this.last + 1} on ${address}`);
  }

  /** Returns the pair to the pool and closes its sockets — after `lastSend` settles, when a final
   *  packet (RTCP BYE) is still on its way out; idempotent. */
  release(pair: PortPair, lastSend?: Promise<unknown>): void {
    this.inUse.delete(pair.rtpPort);
    const close = (): void => {
      for (const socket of [pair.rtp, pair.rtcp]) {
        try {
          socket.close();
        } catch {
          // already closed
        }
      }
    };
    if (lastSend) void lastSend.finally(close);
    else close();
  }

  private async tryBind(address: string, port: number): Promise<PortPair | undefined> {
    let rtp: Socket;
    try {
      rtp = await bindSocket(address, port);
    } catch (error) {
      return skipIfTaken(error);
    }
    try {
      const rtcp = await bindSocket(address, port + 1);
      return { rtpPort: port, rtcpPort: port + 1, rtp, rtcp };
    } catch (error) {
      rtp.close();
      return skipIfTaken(error);
    }
  }
}
