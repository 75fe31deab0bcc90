import { parseMessage } from '../src/sip/message.js';
import { readFileSync } from 'node:fs';
const m = Buffer.from('INVITE sip:+15559870000@frontdesk.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-524287-1---5e8f7b9c1d2a3f4e;rport\r\nVia: SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK776asdhds;received=198.51.100.1\r\nMax-Forwards: 69\r\nFrom: "Alice Example" <sip:+15551230000@pbx.example.com>;tag=1928301774\r\nTo: <sip:+15559870000@frontdesk.example.com>\r\nCall-ID: a84b4c76e66710@pc33.atlanta.example.com\r\nCSeq: 1 INVITE\r\nContact: <sip:+15551230000@192.0.2.10:5060;transport=udp>\r\nRecord-Route: <sip:198.51.100.1;lr>\r\nAllow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO\r\nSupported: replaces, timer\r\nUser-Agent: Example PBX 1.0\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n');
const t = performance.now(); let n = 0;
while (performance.now() - t < 2000) { for (let i = 0; i < 100; i++) parseMessage(m); n += 100; }
console.log(n / 2);
