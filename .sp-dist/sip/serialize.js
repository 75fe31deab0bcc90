const LINE_BREAK = /[\r\n]+/g;
function clean(text) {
    return text.includes('\n') || text.includes('\r') ? text.replace(LINE_BREAK, ' ') : text;
}
export function serializeMessage(message) {
    const body = message.body ?? Buffer.alloc(0);
    let head = message.kind === 'request'
        ? `${clean(message.method)} ${clean(message.uri)} SIP/2.0\r\n`
        : `SIP/2.0 ${message.status} ${clean(message.reason)}\r\n`;
    let wroteLength = false;
    for (const [name, value] of message.headers.entries()) {
        if (name === 'Content-Length') {
            // Keeps the header's position, so parse(serialize(m)) preserves order.
            if (!wroteLength)
                head += `Content-Length: ${body.length}\r\n`;
            wroteLength = true;
            continue;
        }
        head += `${clean(name)}: ${clean(value)}\r\n`;
    }
    if (!wroteLength)
        head += `Content-Length: ${body.length}\r\n`;
    head += '\r\n';
    if (body.length === 0)
        return Buffer.from(head, 'utf8');
    const headBytes = Buffer.from(head, 'utf8');
    return Buffer.concat([headBytes, body], headBytes.length + body.length);
}
//# sourceMappingURL=serialize.js.map