// Structured JSON logs (pino). Every call-scoped line carries callId; caller PII and secrets are redacted.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'passcode', '*.passcode', 'code', '*.code', 'zip', '*.zip', 'ssn', '*.ssn', 'amount', '*.amount',
  'billing', '*.billing', 'password', '*.password', 'authorization', '*.authorization', 'token', '*.token',
  'apiKey', '*.apiKey', 'secret', '*.secret', 'headers.authorization', 'headers.Authorization',
];

// An invalid FRONTDESK_LOG_LEVEL must not throw at import: config validation reports it in one line.
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const envLevel = process.env.FRONTDESK_LOG_LEVEL;

export const rootLogger: Logger = pino({
  level: envLevel && LEVELS.includes(envLevel) ? envLevel : 'info',
  base: { app: 'frontdesk' },
  redact: { paths: REDACT, censor: '[redacted]' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export function logger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return rootLogger.child({ component, ...bindings });
}

export function callLogger(component: string, callId: string): Logger {
  return rootLogger.child({ component, callId });
}
