// Shared fixtures for MediaSession tests: negotiated media, session pairs on a private port range,
// a raw UDP "peer" that records what a session sends, and audio helpers.
import { createSocket, type Socket } from 'node:dgram';
import type { CodecSpec, NegotiatedMedia } from '../../src/media/codec.js';
import type { PcmChunk, PcmSource } from '../../src/media/pcm.js';
import { PortAllocator } from '../../src/media/ports.js';
import { MediaSession } from '../../src/media/session.js';
import { parseRtp, type RtpPacket } from '../../src/media/rtp.js';
import { rootLogger } from '../../src/log.js';
import { freeRtpRange } from '../helpers/ports.js';

export const PCMU: CodecSpec = { name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 };
export const silentLog = rootLogger.child({}, { level: 'silent' });

export function media(remotePort: number, options: Partial<NegotiatedMedia> = {}): NegotiatedMedia {
  return {
    codec: PCMU,
    telephoneEvent: { payloadType: 101, clockRate: 8000 },
    ptime: 20,
    direction: 'sendrecv',
    remote: { address: '127.0.0.1', port: remotePort, rtcpPort: remotePort + 1 },
    ...options,
  };
}

export async function openPair(options: Partial<NegotiatedMedia> = {}, rtcpIntervalMs?: number) {
  const ports = new PortAllocator(await freeRtpRange(20));
  const open = () => MediaSession.open({ localAddress: '127.0.0.1', ports, logger: silentLog, ...(rtcpIntervalMs ? { rtcpIntervalMs } : {}) });
  const a = await open();
  const b = await open();
  a.configure(media(b.localPort, options));
  b.configure(media(a.localPort, options));
  return { a, b, ports, close: () => (a.close(), b.close()) };
}

export function sine(frequency: number, ms: number, rate = 8000, amplitude = 8000): Int16Array {
  return Int16Array.from({ length: (rate * ms) / 1000 }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / rate)));
}

export function source(...chunks: PcmChunk[]): PcmSource {
  return (async function* () {
    yield* chunks;
  })();
}

/** Collects a session's 'audio' into one buffer. */
export function record(session: MediaSession): { samples: () => Int16Array; frames: () => number } {
  const frames: Int16Array[] = [];
  session.on('audio', (chunk) => frames.push(chunk.samples));
  return {
    frames: () => frames.length,
    samples: () => {
      const out = new Int16Array(frames.length * 160);
      frames.forEach((f, i) => out.set(f, i * 160));
      return out;
    },
  };
}

export interface RawPeer {
  socket: Socket;
  port: number;
  packets: (RtpPacket & { atMs: number })[];
  close(): void;
}

/** A bare UDP socket standing in for the far end: records parsed RTP. */
export async function rawPeer(): Promise<RawPeer> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const packets: RawPeer['packets'] = [];
  socket.on('message', (message) => {
    const parsed = parseRtp(message);
    if (parsed.ok) packets.push({ ...parsed.packet, atMs: performance.now() });
  });
  return { socket, port: socket.address().port, packets, close: () => socket.close() };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}
