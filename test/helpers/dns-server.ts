// A tiny authoritative DNS server on loopback UDP for resolution tests: answers A, SRV and NAPTR
// questions from a fixed zone (RFC 1035 wire format, RFC 2782 SRV, RFC 3403 NAPTR), NXDOMAIN otherwise.
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export type ZoneRecord =
  | { type: 'A'; name: string; address: string }
  | { type: 'SRV'; name: string; priority: number; weight: number; port: number; target: string }
  | { type: 'NAPTR'; name: string; order: number; preference: number; flags: string; service: string; replacement: string };

const TYPE_CODE = { A: 1, SRV: 33, NAPTR: 35 } as const;

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
}

const characterString = (text: string) => Buffer.concat([Buffer.from([text.length]), Buffer.from(text)]);

function rdata(record: ZoneRecord): Buffer {
  const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  if (record.type === 'A') return Buffer.from(record.address.split('.').map(Number));
  if (record.type === 'SRV') return Buffer.concat([u16(record.priority), u16(record.weight), u16(record.port), encodeName(record.target)]);
  return Buffer.concat([u16(record.order), u16(record.preference), characterString(record.flags), characterString(record.service),
    characterString(''), encodeName(record.replacement)]);
}

function readQuestion(query: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let offset = 12;
  while (query[offset]! > 0) {
    labels.push(query.toString('ascii', offset + 1, offset + 1 + query[offset]!));
    offset += query[offset]! + 1;
  }
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(offset + 1), end: offset + 5 };
}

export class DnsServer {
  readonly queries: string[] = [];
  private constructor(private readonly socket: Socket, private readonly zone: ZoneRecord[]) {
    socket.on('message', (query, peer) => socket.send(this.answer(query), peer.port, peer.address));
  }

  static async start(zone: ZoneRecord[]): Promise<DnsServer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new DnsServer(socket, zone);
  }

  get address(): string {
    return `127.0.0.1:${(this.socket.address() as AddressInfo).port}`;
  }

  private answer(query: Buffer): Buffer {
    const question = readQuestion(query);
    this.queries.push(`${Object.entries(TYPE_CODE).find(([, code]) => code === question.type)?.[0] ?? question.type} ${question.name}`);
    const answers = this.zone.filter((r) => TYPE_CODE[r.type] === question.type && r.name.toLowerCase() === question.name);
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8400 | (answers.length === 0 && !this.zone.some((r) => r.name === question.name) ? 3 : 0), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const records = answers.map((r) => {
      const data = rdata(r);
      const fixed = Buffer.alloc(10);
      fixed.writeUInt16BE(TYPE_CODE[r.type], 0);
      fixed.writeUInt16BE(1, 2);
      fixed.writeUInt32BE(60, 4);
      fixed.writeUInt16BE(data.length, 8);
      return Buffer.concat([encodeName(r.name), fixed, data]);
    });
    return Buffer.concat([header, query.subarray(12, question.end), ...records]);
  }

  close(): void {
    this.socket.close();
  }
}
