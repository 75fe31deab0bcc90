// Free ports for real-peer tests: SIP ports free on both UDP and TCP, and RTP ranges that do not
// collide with other tests (or other engineers' test runs) on the same machine.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function tryUdp(port: number, host = '127.0.0.1'): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => { socket.close(); resolve(undefined); });
    socket.bind(port, host, () => {
      const bound = socket.address().port;
      socket.close(() => resolve(bound));
    });
  });
}

function tryTcp(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port free on both UDP and TCP on 127.0.0.1 (for a SIP listener or a sipp instance). */
export async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await tryUdp(0);
    if (port !== undefined && port < 65000 && (await tryTcp(port))) return port;
  }
  throw new Error('no free UDP+TCP port pair found');
}

/** A free UDP port (e.g. sipp's -mp media port; sipp also uses port+2 for video, so those are checked). */
export async function freeUdpPort(span = 1): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = 2 * Math.floor((30000 + Math.random() * 30000) / 2);
    let ok = true;
    for (let p = base; p < base + span && ok; p++) ok = (await tryUdp(p)) === p;
    if (ok) return base;
  }
  throw new Error(`no ${span} consecutive free UDP ports found`);
}

/**
 * An RTP port range ("lo-hi", the format of config media.rtpPorts) of `size` ports, all free now.
 * The base is random in 30000–59999, so parallel test files (and other users) rarely meet; every
 * port is probed, and a collision just picks another block.
 */
export async function freeRtpRange(size = 40): Promise<string> {
  const base = await freeUdpPort(size);
  return `${base}-${base + size - 1}`;
}
