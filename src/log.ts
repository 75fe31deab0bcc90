// Structured JSON logs (pino). Every call-scoped line carries callId; caller PII and secrets are redacted.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'passcode', '*.passcode', 'code', '*.code', 'zip', '*.zip', 'ssn', '*.ssn', 'amount', '*.amount',
  'billing', '*.billing', 'password', '*.password', 'authorization', '*.authorization', 'token', '*.token',
  'apiKey', '*.apiKey', 'secret', '*.secret', 'headers.authorization', 'headers.Authorization',
];

export const rootLogger: Logger = pino({
  level: process.env.FRONTDESK_LOG_LEVEL ?? 'info',
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
