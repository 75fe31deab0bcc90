// What this UA advertises (Allow, Accept, Supported) and which extensions it understands.
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'INFO', 'REFER', 'NOTIFY', 'UPDATE'];
export const ACCEPTED_BODIES = ['application/sdp', 'application/dtmf-relay', 'application/dtmf', 'message/sipfrag'];
// Only what we implement: RFC 4028 session timers. (No Replaces, no 100rel, no norefersub.)
export const SUPPORTED_EXTENSIONS = ['timer'];
export function capabilityHeaders() {
    return {
        Allow: ALLOWED_METHODS.join(', '),
        Accept: ACCEPTED_BODIES.join(', '),
        Supported: SUPPORTED_EXTENSIONS.join(', '),
    };
}
/** Option tags in Require that we do not support (→ 420 with Unsupported). */
export function unsupportedRequirements(require) {
    return require.map((r) => r.trim().toLowerCase()).filter((r) => r && !SUPPORTED_EXTENSIONS.includes(r));
}
//# sourceMappingURL=ua-capabilities.js.map