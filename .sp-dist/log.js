// Structured JSON logs (pino). Every call-scoped line carries callId; caller PII and secrets are redacted.
import { pino } from 'pino';
const REDACT = [
    'passcode', '*.passcode', 'code', '*.code', 'zip', '*.zip', 'ssn', '*.ssn', 'amount', '*.amount',
    'billing', '*.billing', 'password', '*.password', 'authorization', '*.authorization', 'token', '*.token',
    'apiKey', '*.apiKey', 'secret', '*.secret', 'headers.authorization', 'headers.Authorization',
];
// An invalid FRONTDESK_LOG_LEVEL must not throw at import: config validation reports it in one line.
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const envLevel = process.env.FRONTDESK_LOG_LEVEL;
export const rootLogger = pino({
    level: envLevel && LEVELS.includes(envLevel) ? envLevel : 'info',
    base: { app: 'frontdesk' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
});
export function logger(component, bindings = {}) {
    return rootLogger.child({ component, ...bindings });
}
export function callLogger(component, callId) {
    return rootLogger.child({ component, callId });
}
//# sourceMappingURL=log.js.map