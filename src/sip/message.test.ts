// parseMessage / serializeMessage / buildResponse: RFC 3261 examples, RFC 4475 torture messages, limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildResponse, parseMessage, serializeMessage, type SipRequest, type SipMessage } from './message.js';
import { parseNameAddr } from './name-addr.js';
import { parseVia } from './via.js';

const crlf = (lines: string[], body = '') => Buffer.from(lines.join('\r\n') + '\r\n\r\n' + body);

function ok(data: Buffer): SipMessage {
  const r = parseMessage(data);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.message;
}

function failure(data: Buffer) {
  const r = parseMessage(data);
  assert.equal(r.ok, false);
  return r as { ok: false; error: string; request?: SipRequest };
}

const INVITE_LINES = [
  'INVITE sip:bob@biloxi.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.com>',
  'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.atlanta.com',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@pc33.atlanta.com>',
];

test('parses the RFC 3261 §24.2 INVITE and round-trips it', () => {
  const body = 'v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n';
  const m = ok(crlf([...INVITE_LINES, 'Content-Type: application/sdp', `Content-Length: ${body.length}`], body));
  assert.equal(m.kind, 'request');
  assert.equal(m.kind === 'request' && m.method, 'INVITE');
  assert.equal(m.kind === 'request' && m.uri, 'sip:bob@biloxi.com');
  assert.equal(m.headers.get('call-id'), 'a84b4c76e66710@pc33.atlanta.com');
  assert.equal(m.body.toString(), body);
  const again = ok(serializeMessage(m));
  assert.deepEqual(again.headers.entries(), m.headers.entries());
  assert.deepEqual(again.body, m.body);
});

test('expands compact forms, canonicalises names and splits list headers respecting quotes and <>', () => {
  const m = ok(crlf([
    'OPTIONS sip:x@example.com SIP/2.0',
    'v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bK2;rport',
    'f: "Smith, John" <sip:j@example.com>;tag=1', 't: <sip:x@example.com>', 'i: abc', 'CSEQ: 1 OPTIONS',
    'm: "A, B" <sip:a@x.com;p=1,2>, <sip:b@y.com>;q=0.5', 'k: timer, 100rel', 's: hi, there',
    'WWW-Authenticate: Digest realm="a,b", nonce="x"', 'l: 0',
  ]));
  assert.deepEqual(m.headers.getAll('Via').map((v) => parseVia(v)?.host), ['a.example.com', '2001:db8::1']);
  assert.equal(parseVia(m.headers.getAll('via')[1]!)?.port, 5070);
  assert.equal(parseNameAddr(m.headers.get('From')!)?.displayName, 'Smith, John');
  assert.deepEqual(m.headers.getAll('Contact'), ['"A, B" <sip:a@x.com;p=1,2>', '<sip:b@y.com>;q=0.5']);
  assert.deepEqual(m.headers.getAll('Supported'), ['timer', '100rel']);
  assert.equal(m.headers.get('Subject'), 'hi, there');
  assert.equal(m.headers.get('www-authenticate'), 'Digest realm="a,b", nonce="x"');
  assert.deepEqual(m.headers.entries().map(([n]) => n).slice(0, 6), ['Via', 'Via', 'From', 'To', 'Call-ID', 'CSeq']);
});

// RFC 4475 §3.1.1.1 "wsinv": a short tortuous INVITE, valid.
test('RFC 4475 wsinv: folding, odd whitespace, escaped quotes, case', () => {
  const body = 'v=0\r\no=mhandley 29739 7272939 IN IP4 192.0.2.3\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\nm=audio 49217 RTP/AVP 0 12\r\nm=video 3227 RTP/AVP 31\r\na=rtpmap:31 LPC\r\n';
  const m = ok(crlf([
    'INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0',
    'TO :', ' sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n',
    'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>', '  ;', '  tag = 98asjd8',
    'MaX-fOrWaRdS: 0068', 'Call-ID: wsinv.ndaksdj@192.0.2.1', `Content-Length   : ${Buffer.byteLength(body)}`,
    'cseq: 0009', '  INVITE', 'Via  : SIP  /   2.0', ' /UDP', '    192.0.2.2;branch=390skdjuw', 's :',
    'NewFangledHeader:   newfangled value', ' continued newfangled value',
    'UnknownHeaderWithUnusualValue: ;;,,;;,;', 'Content-Type: application/sdp',
    'Route:', ' <sip:services.example.com;lr;unknownwith=value;unknown-no-value>',
    'v:  SIP  / 2.0  / TCP     spindle.example.com   ;', '  branch  =   z9hG4bK9ikj8  ,',
    ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=', ' z9hG4bK30239',
    'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =', '      newvalue ;', '  secondparam ; q = 0.33',
  ], body));
  assert.equal(m.headers.getAll('Via').length, 3);
  assert.deepEqual(m.headers.getAll('Via').map((v) => parseVia(v)?.params.branch), ['390skdjuw', 'z9hG4bK9ikj8', 'z9hG4bK30239']);
  assert.equal(parseNameAddr(m.headers.get('From')!)?.displayName, 'J Rosenberg \\"');
  assert.equal(parseNameAddr(m.headers.get('From')!)?.params.tag, '98asjd8');
  assert.equal(parseNameAddr(m.headers.get('To')!)?.params.tag, '1918181833n');
  assert.equal(parseNameAddr(m.headers.get('Contact')!)?.params.q, '0.33');
  assert.equal(m.headers.get('NewFangledHeader'), 'newfangled value continued newfangled value');
  assert.equal(m.headers.get('Subject'), '');
  assert.equal(m.headers.get('CSeq'), '0009 INVITE');
  assert.equal(m.body.toString(), body);
});

test('RFC 4475 valid oddities: escaped Request-URI, unusual method, empty reason, UTF-8 reason', () => {
  const esc = ok(crlf([
    'INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0', 'To: sip:%75se%72@example.com',
    'From: <sip:I%20have%20spaces@example.net>;tag=938', 'Max-Forwards: 87', 'i: esc01.239409asdfakjkn23onasd0-3234',
    'CSeq: 234234 INVITE', 'Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw', 'C: application/sdp',
    'Contact:', '  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>', 'l: 0']));
  assert.equal(esc.kind === 'request' && esc.uri, 'sip:sips%3Auser%40example.com@example.net');
  const meth = "!interesting-Method0123456789_*+`.%indeed'~";
  ok(crlf([`${meth} sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0`,
    'Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`\'~', 'To: "BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f" <sip:1_unusual.URI~(to-be!sure)&isn\'t+it$/crazy?,/;;*@example.com>',
    'From: token1~` token2\'+_ token3*%!.- <sip:mundane@example.com>;fromParam\'\'~+*_!.-%="\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439";tag=_token~1\'+`*%!-.',
    'Call-ID: intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{', `CSeq: 139122385 ${meth}`, 'Max-Forwards: 255', 'Content-Length: 0']));
  const noReason = ok(crlf(['SIP/2.0 100 ', 'Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe', 'Call-ID: noreason.asndj203insdf99223ndf',
    'CSeq: 35 INVITE', 'From: <sip:user@example.com>;tag=39ansfi3', 'To: <sip:user@example.edu>;tag=902jndnke3', 'Content-Length: 0']));
  assert.equal(noReason.kind === 'response' && noReason.reason, '');
  const utf = ok(crlf(['SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое', 'Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923',
    'Call-ID: unreason.1234ksdfak3j2erwedfsASdf', 'CSeq: 35 INVITE', 'From: sip:user@example.com;tag=11141343', 'To: sip:user@example.edu;tag=2229', 'Content-Length: 0']));
  assert.match(utf.kind === 'response' ? utf.reason : '', /простое$/);
});

test('invalid messages with readable essentials return the request for a 400', () => {
  const base = INVITE_LINES.slice(1);
  const cases: [string[], string, RegExp][] = [
    [base, 'Content-Length: 50', /Content-Length larger than the body/],
    [base, 'Content-Length: -999', /Content-Length/],
    [base.map((l) => l.replace('314159 INVITE', '314159 ACK')), 'l: 0', /CSeq method/],
    [base, 'Max-Forwards: seventy', /Max-Forwards/],
    [base, 'Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E', /Contact/],
  ];
  for (const [lines, extra, error] of cases) {
    const f = failure(crlf([INVITE_LINES[0]!, ...lines, extra]));
    assert.match(f.error, error);
    assert.equal(f.request?.method, 'INVITE');
    assert.equal(buildResponse(f.request!, 400, f.error).headers.get('Call-ID'), 'a84b4c76e66710@pc33.atlanta.com');
  }
  for (const start of ['INVITE sip:bob@biloxi.com SIP/7.0', 'INVITE <sip:bob@biloxi.com> SIP/2.0', 'INVITE  sip:bob@biloxi.com SIP/2.0',
    'INVITE sip:bob@biloxi.com; lr SIP/2.0', 'INVITE sip:bob@biloxi.com SIP/2.0 ']) {
    const f = failure(crlf([start, ...base, 'l: 0']));
    assert.ok(f.request, start);
  }
});

test('messages without answerable essentials fail without a request, and never throw', () => {
  const drop = (name: string) => INVITE_LINES.filter((l) => !l.startsWith(name));
  for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
    const f = failure(crlf([...drop(name), 'l: 0']));
    assert.match(f.error, new RegExp(name));
    assert.equal(f.request, undefined);
  }
  assert.match(failure(crlf([...INVITE_LINES, 'CSeq: 1 INVITE', 'l: 0'])).error, /more than one CSeq/);
  assert.match(failure(crlf([...INVITE_LINES.slice(0, 1), 'Via: SIP/2.0/UDP 192.0.2.15;;,;,,', ...INVITE_LINES.slice(2)])).error, /Via/);
  assert.match(failure(crlf(['SIP/2.0 4294967301 better not break the receiver', ...INVITE_LINES.slice(1)])).error, /start line/);
  assert.match(failure(crlf([...INVITE_LINES.slice(0, 3), 'To: "Mr. J. User <sip:j.user@example.com>', ...INVITE_LINES.slice(4)])).error, /To/);
  assert.match(failure(Buffer.from('\r\n\r\n')).error, /empty/);
  assert.match(failure(Buffer.from('garbage')).error, /./);
  assert.equal(parseMessage(null as unknown as Buffer).ok, false);
});

test('limits: message size, header count and header length', () => {
  const big = crlf([...INVITE_LINES, 'l: 0']);
  assert.match((parseMessage(big, { maxBytes: 100 }) as { error: string }).error, /too large/);
  const many = crlf([...INVITE_LINES, ...Array.from({ length: 300 }, (_, i) => `X-H${i}: ${i}`), 'l: 0']);
  assert.match(failure(many).error, /header fields/);
  const long = crlf([...INVITE_LINES, `Subject: ${'a'.repeat(9000)}`, 'l: 0']);
  assert.match(failure(long).error, /longer than/);
  assert.ok(parseMessage(long, { maxHeaderBytes: 10_000 }).ok);
});

test('serializeMessage sets Content-Length from the body and keeps header values on one line', () => {
  const req = ok(crlf([...INVITE_LINES, 'Content-Length: 0'], '')) as SipRequest;
  const copy: SipRequest = { ...req, headers: req.headers.clone(), body: Buffer.from('hello') };
  copy.headers.set('Subject', 'evil\r\nX-Injected: 1');
  const text = serializeMessage(copy).toString();
  assert.match(text, /\r\nContent-Length: 5\r\n/);
  assert.doesNotMatch(text, /\r\nX-Injected/);
  assert.ok(text.endsWith('\r\n\r\nhello'));
});

test('buildResponse copies Vias, From, To+tag, Call-ID, CSeq and Record-Route for dialog-creating 1xx/2xx', () => {
  const req = ok(crlf([...INVITE_LINES, 'Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp', 'Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>', 'l: 0'])) as SipRequest;
  const ringing = buildResponse(req, 180, undefined, { toTag: 'abc', headers: { Contact: '<sip:me@1.2.3.4>' } });
  assert.equal(ringing.reason, 'Ringing');
  assert.equal(ringing.headers.get('To'), 'Bob <sip:bob@biloxi.com>;tag=abc');
  assert.equal(ringing.headers.getAll('Via').length, 2);
  assert.deepEqual(ringing.headers.getAll('Record-Route'), ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
  assert.equal(ringing.headers.get('Contact'), '<sip:me@1.2.3.4>');
  const busy = buildResponse(req, 486);
  assert.equal(busy.reason, 'Busy Here');
  assert.equal(busy.headers.has('Record-Route'), false);
  assert.equal(buildResponse(req, 488).reason, 'Not Acceptable Here');
  assert.equal(buildResponse(req, 499).reason, 'Client Error');
  const tagged = ok(serializeMessage(buildResponse(req, 200, 'OK', { toTag: 'x' }))) as { headers: SipRequest['headers'] };
  assert.equal(buildResponse({ ...req, headers: tagged.headers }, 200, undefined, { toTag: 'y' }).headers.get('To'), 'Bob <sip:bob@biloxi.com>;tag=x');
});

test('RFC 4475 framing cases: IPv6 references, leading CRLFs, bare LF, several Content-Lengths, trailing bytes', () => {
  const v6 = ok(crlf(['REGISTER sip:[2001:db8::10] SIP/2.0', 'To: sip:user@example.com', 'From: sip:user@example.com;tag=81x2',
    'Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111', 'Call-ID: SSG9559905523997077@hlau_4100', 'Max-Forwards: 70',
    'Contact: "Caller" <sip:caller@[2001:db8::1]>', 'CSeq: 98176 REGISTER', 'Content-Length: 0']));
  assert.equal(parseVia(v6.headers.get('Via')!)?.host, '2001:db8::9:1');
  assert.equal(parseNameAddr(v6.headers.get('Contact')!)?.uri.host, '2001:db8::1');
  const lines = [...INVITE_LINES, 'Content-Length: 3'];
  assert.equal(ok(Buffer.concat([Buffer.from('\r\n\r\n'), crlf(lines, 'abc')])).body.toString(), 'abc');
  assert.equal(ok(Buffer.from(lines.join('\n') + '\n\nabc')).body.toString(), 'abc');
  assert.match(failure(crlf([...INVITE_LINES, 'Content-Length: 3', 'l: 3'], 'abc')).error, /more than one Content-Length/);
  // RFC 3261 §18.3: datagram bytes beyond Content-Length are discarded, not an error.
  const extra = ok(crlf([...INVITE_LINES, 'Content-Length: 3'], 'abc' + crlf(INVITE_LINES).toString()));
  assert.equal(extra.body.toString(), 'abc');
  assert.equal(ok(crlf(INVITE_LINES, 'no length header')).body.toString(), 'no length header');
});

test('pathological inputs get an answer (these used to backtrack for seconds)', () => {
  assert.match(failure(Buffer.from('INVITE' + ' '.repeat(60000) + 'x\r\n\r\n')).error, /start line/);
  assert.match(failure(Buffer.from('INVITE a' + ' '.repeat(60000) + 'x\r\n\r\n')).error, /start line/);
  assert.match(failure(crlf([...INVITE_LINES, `Contact: ${'<'.repeat(8000)}`, 'l: 0'])).error, /Contact/);
  assert.match(failure(crlf([...INVITE_LINES, `Via: SIP/2.0/UDP host${' '.repeat(8000)}x`, 'l: 0'])).error, /Via/);
});
