import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Callers log ids, counts and durations only: never customer names,
 * addresses, emails, tokens or GraphQL variables. The redact list is a second line of defence.
 */
export function createLogger(level = process.env.LOG_LEVEL || 'info'): Logger {
  return pino({
    level,
    base: { service: 'tiktok-insights-api' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'token',
        'variables',
        '*.variables',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}

export const logger = createLogger();
export type { Logger };
