// SIP message model (RFC 3261 §7): requests, responses and their headers, plus parse/serialize.
// CONTRACT used by transports, transactions and dialogs; the functions are re-exported from parse.ts, serialize.ts, response.ts …
export { createHeaders, canonicalHeaderName, parseCSeq } from './headers.js';
export { parseMessage } from './parse.js';
export { serializeMessage } from './serialize.js';
export { buildResponse, reasonPhrase } from './response.js';
export { parseVia, formatVia, newBranch, newTag, newCallId } from './via.js';
export { parseUri, formatUri } from './uri.js';
export { parseNameAddr, formatNameAddr, tagOf } from './name-addr.js';
//# sourceMappingURL=message.js.map