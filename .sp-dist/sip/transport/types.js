export function isReliable(transport) {
    return transport !== 'udp';
}
/** Default port for a transport (RFC 3261 §19.1.2). */
export function defaultPort(transport) {
    return transport === 'tls' ? 5061 : 5060;
}
export function flowKey(flow) {
    return `${flow.transport}:${flow.address}:${flow.port}`;
}
//# sourceMappingURL=types.js.map