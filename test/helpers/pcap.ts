// Reads classic libpcap files (Ethernet or raw IPv4 link types) and returns each UDP datagram's
// payload with its capture time: enough to replay sipp's RTP sample captures in tests.
import { readFileSync } from 'node:fs';

export interface PcapDatagram {
  timeMs: number;
  srcPort: number;
  dstPort: number;
  payload: Buffer;
}

export function readPcapUdp(path: string): PcapDatagram[] {
  const file = readFileSync(path);
  const magic = file.readUInt32LE(0);
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!littleEndian && file.readUInt32BE(0) !== 0xa1b2c3d4 && file.readUInt32BE(0) !== 0xa1b23c4d) {
    throw new Error(`${path}: not a classic pcap file`);
  }
  const nanos = (littleEndian ? magic : file.readUInt32BE(0)) === 0xa1b23c4d;
  const u32 = (offset: number): number => (littleEndian ? file.readUInt32LE(offset) : file.readUInt32BE(offset));
  const linkType = u32(20);
  const datagrams: PcapDatagram[] = [];
  for (let offset = 24; offset + 16 <= file.length; ) {
    const seconds = u32(offset);
    const fraction = u32(offset + 4);
    const captured = u32(offset + 8);
    const frame = file.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    let ip = linkType === 1 ? 14 : linkType === 101 || linkType === 228 ? 0 : -1;
    if (ip < 0) throw new Error(`${path}: unsupported link type ${linkType}`);
    if (linkType === 1 && frame.readUInt16BE(12) === 0x8100) ip += 4; // VLAN tag
    if (frame.length < ip + 20 || frame[ip]! >> 4 !== 4 || frame[ip + 9] !== 17) continue; // IPv4 + UDP only
    const udp = ip + (frame[ip]! & 0x0f) * 4;
    const length = frame.readUInt16BE(udp + 4);
    datagrams.push({
      timeMs: seconds * 1000 + (nanos ? fraction / 1e6 : fraction / 1e3),
      srcPort: frame.readUInt16BE(udp),
      dstPort: frame.readUInt16BE(udp + 2),
      payload: Buffer.from(frame.subarray(udp + 8, udp + length)),
    });
  }
  return datagrams;
}
