import { parseMessage } from '/work/main/src/sip/message.ts';
import { parseUri } from '/work/main/src/sip/uri.ts';
import { parseVia } from '/work/main/src/sip/via.ts';
import { parseNameAddr } from '/work/main/src/sip/name-addr.ts';
import { parseAuthParams } from '/work/main/src/sip/digest.ts';
import { parseSdp } from '/work/main/src/sip/sdp.ts';
import { StreamFramer } from '/work/main/src/sip/framing.ts';
const N = 8000;
const cases: [string, () => unknown][] = [
  ['startline spaces', () => parseMessage(Buffer.from('INVITE' + ' '.repeat(60000) + 'x\r\n\r\n'))],
  ['startline spaces2', () => parseMessage(Buffer.from('INVITE a' + ' '.repeat(60000) + 'x\r\n\r\n'))],
  ['hostname', () => parseUri('sip:' + 'a'.repeat(N) + '-')],
  ['hostname2', () => parseUri('sip:' + 'a-'.repeat(N/2) + '!')],
  ['tel', () => parseUri('tel:+' + '1'.repeat(N) + 'x')],
  ['via spaces', () => parseVia('SIP/2.0/UDP host' + ' '.repeat(N) + 'x')],
  ['via spaces2', () => parseVia('SIP / 2.0 / UDP ' + 'a'.repeat(N) + ' : ' + ' '.repeat(N))],
  ['nameaddr', () => parseNameAddr('a '.repeat(N/2) + '<sip:x')],
  ['nameaddr2', () => parseNameAddr('"' + '\\'.repeat(N))],
  ['auth', () => parseAuthParams('Digest ' + 'a=b,'.repeat(N/4))],
  ['auth2', () => parseAuthParams('Digest ' + ' '.repeat(N) + 'x')],
  ['sdp m', () => parseSdp('v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP' + ' 0'.repeat(N/2) + ' \t!')],
  ['sdp c', () => parseSdp('v=0\r\no=- 1 1 IN IP4 a\r\nc=IN IP4 ' + 'a/1'.repeat(N/3))],
  ['params', () => parseUri('sip:a@b' + ';x'.repeat(N/2) + ';=')],
  ['list', () => parseMessage(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContact: ' + '<'.repeat(N) + '\r\n\r\n'))],
  ['framer', () => { const f = new StreamFramer(); for (let i = 0; i < 60000; i++) f.push(Buffer.from('a')); }],
];
for (const [name, fn] of cases) { const t = performance.now(); fn(); console.log(name.padEnd(18), (performance.now() - t).toFixed(1), 'ms'); }
