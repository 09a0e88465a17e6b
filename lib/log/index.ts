import pino from 'pino';

/**
 * Structured JSON logs. Redaction is the safety net for "no secrets or personal data in logs":
 * code should not log such fields at all, but if an object carrying them slips in, they are censored.
 * (Failed queries are cleaned of their parameters where they are thrown: db/redact-errors.ts.)
 * `createLogger` takes a stream so that tests can read exactly what the app's configuration writes.
 */
export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      // Read directly (not through env()) so that logging works even while reporting a bad environment.
      level: /^(fatal|error|warn|info|debug|trace|silent)$/.test(process.env.LOG_LEVEL ?? '')
        ? process.env.LOG_LEVEL
        : 'info',
      base: { app: 'afterdesk' },
      redact: {
        paths: [
          'password',
          '*.password',
          'passwordHash',
          '*.passwordHash',
          'newPassword',
          '*.newPassword',
          'currentPassword',
          '*.currentPassword',
          'token',
          '*.token',
          'secret',
          '*.secret',
          'authorization',
          '*.authorization',
          'cookie',
          '*.cookie',
          'email',
          '*.email',
          'phone',
          '*.phone',
          'address',
          '*.address',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const logger = createLogger();

export function requestLogger(requestId: string | null | undefined) {
  return requestId ? logger.child({ requestId }) : logger;
}
