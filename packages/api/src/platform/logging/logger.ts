import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Where the process's JSON log lines go: stderr (stdout is kept for the lines people read, such
 * as the sign-in link), or a file once `logToFile` is called. Writes are synchronous, so the lines
 * written just before `process.exit` are not lost.
 */
class ProcessLogDestination implements DestinationStream {
  private target: { write(line: string): unknown } = process.stderr;

  write(line: string): void {
    this.target.write(line);
  }

  toFile(path: string): void {
    this.target = pino.destination({ dest: path, mkdir: true, append: true, sync: true });
  }
}

const processLogs = new ProcessLogDestination();

/** From now on the process's log lines are appended to `path` instead of stderr. */
export function logToFile(path: string): void {
  processLogs.toFile(path);
}

/**
 * Structured JSON logs. Callers log ids, counts and durations only: never customer names,
 * addresses, emails, tokens or GraphQL variables. The redact list is a second line of defence.
 * `destination` defaults to the process's log destination (stderr unless `logToFile`); tests
 * pass a stream of their own to read what was logged.
 */
export function createLogger(level = process.env.LOG_LEVEL || 'info', destination?: DestinationStream): Logger {
  const options = {
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
  };
  return pino(options, destination ?? processLogs);
}

/**
 * An error as it may be logged. PostgreSQL's messages and details can quote the values of a
 * statement (customer data), so a database error is logged by its SQLSTATE, routine and the
 * names of the table, column and constraint involved, with the stack's frames but not its text.
 */
export function loggableError(error: unknown): Record<string, unknown> | string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & Record<string, unknown>;
  const sqlState =
    typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && typeof fields.severity === 'string' ? fields.code : null;
  if (sqlState === null) return { name: error.name, message: error.message, stack: error.stack };
  const named: Record<string, unknown> = { name: error.name, code: sqlState };
  for (const key of ['routine', 'table', 'column', 'constraint', 'schema'] as const) {
    if (typeof fields[key] === 'string') named[key] = fields[key];
  }
  named.stack = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  return named;
}

export const logger = createLogger();
export type { Logger };
