// Bytes → SipMessage (RFC 3261 §7, §18.3, §25; RFC 4475 torture cases). Never throws: bad input
// becomes { ok: false, error }, with the request attached when enough was read to answer 400.
import { headerNameOf, headersFromPairs, isListHeader, parseCSeq, splitHeaderList } from './headers.js';
import type { ParseResult, SipRequest, SipResponse } from './message.js';
import { parseNameAddr } from './name-addr.js';
import { parseVia } from './via.js';

export interface ParseLimits {
  /** Whole message, default 64 KiB. */
  maxBytes?: number;
  /** Header field count after splitting lists, default 256. */
  maxHeaders?: number;
  /** One header field after unfolding, default 8 KiB. */
  maxHeaderBytes?: number;
}

const METHOD = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const VERSION = /^SIP\/\d+\.\d+$/i;
const STATUS_LINE = /^(SIP\/\d+\.\d+) ([1-6]\d\d)(?: ([^\r\n]*))?$/i;
const REQUEST_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"]+$/;

export function parseMessage(data: Buffer, limits: ParseLimits = {}): ParseResult {
  try {
    return parseUnchecked(data, limits);
  } catch {
    // Safety net only: the property tests assert this branch is never reached.
    return { ok: false, error: 'malformed message (parser fault)' };
  }
}

function parseUnchecked(data: Buffer, limits: ParseLimits): ParseResult {
  if (!Buffer.isBuffer(data)) return { ok: false, error: 'not a buffer' };
  const maxBytes = limits.maxBytes ?? 65536;
  if (data.length > maxBytes) return { ok: false, error: `message too large (over ${maxBytes} bytes)` };
  let start = 0;
  while (start < data.length && (data[start] === 0x0d || data[start] === 0x0a)) start++;
  if (start === data.length) return { ok: false, error: 'empty message' };

  const end = findHeaderEnd(data, start);
  const headerText = data.toString('utf8', start, end ? end.headers : data.length);
  const lines = headerText.split('\n');
  const startLine = stripCr(lines[0]!);
  const problems = new Problems();
  if (!end) problems.note('missing blank line after headers');

  const pairs = readHeaders(lines, limits, problems);
  const headers = headersFromPairs(pairs);
  const checked = indexChecked(pairs);

  const body = bodyWithin(end ? data.subarray(end.body) : Buffer.alloc(0), checked, problems);

  const req = startLine.length <= (limits.maxHeaderBytes ?? 8192) ? splitRequestLine(startLine) : undefined;
  if (req) {
    const { method, uri, version, strict } = req;
    const request: SipRequest = { kind: 'request', method, uri, headers, body };
    const missing = essentialsProblem(checked);
    if (missing) return { ok: false, error: missing };
    if (!strict) problems.note('request line must use single spaces');
    if (!REQUEST_URI.test(uri)) problems.note('malformed Request-URI');
    if (version !== 'SIP/2.0') problems.note(`unsupported SIP version ${version}`);
    const cseq = parseCSeq(checked.CSeq[0]!)!;
    if (cseq.method !== request.method) problems.note('CSeq method does not match the request method');
    checkOptional(checked, problems);
    return problems.first ? { ok: false, error: problems.first, request } : { ok: true, message: request };
  }
  const res = STATUS_LINE.exec(startLine);
  if (!res) return { ok: false, error: 'malformed start line' };
  if (res[1] !== 'SIP/2.0') return { ok: false, error: `unsupported SIP version ${res[1]}` };
  const response: SipResponse = { kind: 'response', status: Number(res[2]), reason: res[3] ?? '', headers, body };
  const missing = essentialsProblem(checked);
  if (missing) return { ok: false, error: missing };
  return problems.first ? { ok: false, error: problems.first } : { ok: true, message: response };
}

/**
 * Method, URI and version of a request line. Lenient on purpose (any spacing, a URI with spaces) so a
 * bent request line still gets its 400; scanned by hand, since a regex here backtracks quadratically.
 */
function splitRequestLine(line: string): { method: string; uri: string; version: string; strict: boolean } | undefined {
  const first = line.search(/[ \t]/);
  const trimmed = line.trimEnd();
  const last = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t'));
  if (first <= 0 || last <= first) return undefined;
  const method = line.slice(0, first);
  const version = trimmed.slice(last + 1);
  const uri = trimmed.slice(first, last).trim();
  if (!METHOD.test(method) || !VERSION.test(version) || uri === '') return undefined;
  const strict = trimmed === line && line === `${method} ${uri} ${version}`;
  return { method, uri, version, strict };
}

/**
 * Offset where the header section ends (the first empty line, CRLF or bare LF) and where the body
 * starts. Scans line feeds with a byte search: Buffer#indexOf with a string pattern is far slower.
 */
export function findHeaderEnd(data: Buffer, from: number): { headers: number; body: number } | null {
  let lf = data.indexOf(0x0a, from);
  while (lf >= 0) {
    const cr = lf > 0 && data[lf - 1] === 0x0d ? 1 : 0;
    if (data[lf + 1] === 0x0a) return { headers: lf - cr, body: lf + 2 };
    if (data[lf + 1] === 0x0d && data[lf + 2] === 0x0a) return { headers: lf - cr, body: lf + 3 };
    lf = data.indexOf(0x0a, lf + 1);
  }
  return null;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Keeps the first problem found; later checks still run so essentials get read. */
class Problems {
  first: string | undefined;
  note(problem: string): void {
    this.first ??= problem;
  }
}

/** Header fields as [canonical name, value] pairs: unfolded, list values split, limits enforced. */
function readHeaders(lines: string[], limits: ParseLimits, problems: Problems): [string, string][] {
  const maxHeaders = limits.maxHeaders ?? 256;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 8192;
  const pairs: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    let field = stripCr(lines[i]!);
    if (isContinuation(field)) { problems.note('header section starts with a continuation line'); continue; }
    // Unfold continuation lines (RFC 3261 §7.3.1): the line break and leading LWS become one space.
    while (i + 1 < lines.length && isContinuation(lines[i + 1]!)) {
      field = field.trimEnd() + ' ' + stripCr(lines[++i]!).trimStart();
    }
    if (field.length > maxHeaderBytes) { problems.note(`header field longer than ${maxHeaderBytes} bytes`); continue; }
    const colon = field.indexOf(':');
    const canonical = colon < 0 ? undefined : headerNameOf(field.slice(0, colon).trimEnd());
    // The reason names the line, not its text: it may end up in logs and carry caller details.
    if (!canonical) { problems.note(`malformed header line ${i + 1}`); continue; }
    const value = field.slice(colon + 1).trim();
    if (!isListHeader(canonical) || !value.includes(',')) pairs.push([canonical, value]);
    else for (const v of splitHeaderList(value)) pairs.push([canonical, v]);
    if (pairs.length > maxHeaders) { problems.note(`more than ${maxHeaders} header fields`); break; }
  }
  return pairs;
}

function isContinuation(line: string): boolean {
  return line[0] === ' ' || line[0] === '\t';
}

const CHECKED = ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Content-Length', 'Max-Forwards', 'Contact', 'Expires'] as const;
type Checked = Record<(typeof CHECKED)[number], string[]>;
const CHECKED_NAMES = new Set<string>(CHECKED);

/** The values of the headers validated here, gathered in one pass. */
function indexChecked(pairs: [string, string][]): Checked {
  const checked = {} as Checked;
  for (const name of CHECKED) checked[name] = [];
  for (const [name, value] of pairs) if (CHECKED_NAMES.has(name)) checked[name as keyof Checked].push(value);
  return checked;
}

/**
 * The body as Content-Length frames it (RFC 3261 §18.3): bytes beyond it in a datagram are discarded;
 * a body shorter than it is an error (400 for a request, a response is dropped).
 */
function bodyWithin(bytes: Buffer, headers: Checked, problems: Problems): Buffer {
  const lengths = headers['Content-Length'];
  if (lengths.length > 1) problems.note('more than one Content-Length');
  else if (lengths.length === 1 && !/^\d{1,10}$/.test(lengths[0]!)) problems.note('malformed Content-Length');
  else if (lengths.length === 1 && Number(lengths[0]) > bytes.length) problems.note('Content-Length larger than the body');
  else if (lengths.length === 1) return Buffer.from(bytes.subarray(0, Number(lengths[0])));
  return Buffer.from(bytes);
}

/** What keeps the message from being answered at all: a missing or unreadable Via/From/To/Call-ID/CSeq. */
function essentialsProblem(headers: Checked): string | undefined {
  const via = headers.Via[0];
  if (via === undefined) return 'missing Via';
  if (!parseVia(via)) return 'malformed Via';
  for (const name of ['From', 'To', 'Call-ID', 'CSeq'] as const) {
    const values = headers[name];
    if (values.length === 0) return `missing ${name}`;
    if (values.length > 1) return `more than one ${name}`;
  }
  if (!parseNameAddr(headers.From[0]!)) return 'malformed From';
  if (!parseNameAddr(headers.To[0]!)) return 'malformed To';
  if (!headers['Call-ID'][0]) return 'empty Call-ID';
  if (!parseCSeq(headers.CSeq[0]!)) return 'malformed CSeq';
  return undefined;
}

/** Headers that do not stop a 400 but must be well formed to process the request. */
function checkOptional(headers: Checked, problems: Problems) {
  const vias = headers.Via;
  for (let i = 1; i < vias.length; i++) if (!parseVia(vias[i]!)) return problems.note('malformed Via');
  const maxForwards = headers['Max-Forwards'];
  if (maxForwards.length > 1) problems.note('more than one Max-Forwards');
  if (maxForwards.length && !/^\d{1,10}$/.test(maxForwards[0]!)) problems.note('malformed Max-Forwards');
  for (const contact of headers.Contact) {
    if (contact !== '*' && !parseNameAddr(contact)) problems.note('malformed Contact');
  }
  const expires = headers.Expires[0];
  if (expires !== undefined && !/^\d{1,10}$/.test(expires)) problems.note('malformed Expires');
}
