import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { loggableError, logger } from '../logging/logger.js';

/** `inRequest`: the statement was sent while answering an HTTP request (not by a test or a CLI). */
export type QueryListener = (sql: string, inRequest: boolean) => void;

const listeners = new Set<QueryListener>();
const requestScope = new AsyncLocalStorage<true>();

/** Runs an HTTP request's handling so that the statements it sends are known as the API's own. */
export function runInRequestScope<T>(handle: () => T): T {
  return requestScope.run(true, handle);
}

/** Starts work that outlives the request (a background job): its statements are not the request's. */
export function runOutsideRequestScope<T>(start: () => T): T {
  return requestScope.exit(start);
}

/**
 * Subscribes to every SQL statement the API sends (tests count statements per operation and
 * check that each one filters by shop_id; the benchmark reports statements per dashboard).
 * Returns the unsubscribe function.
 */
export function observeQueries(listener: QueryListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * TypeORM's logger: statements go to the observers only (never to the logs, as their parameters
 * hold customer data); failed and slow statements are logged without parameters.
 */
export class QueryObserverLogger implements TypeOrmLogger {
  logQuery(query: string): void {
    if (listeners.size === 0) return;
    const inRequest = requestScope.getStore() === true;
    for (const listener of listeners) listener(query, inRequest);
  }

  logQueryError(error: string | Error, query: string): void {
    logger.debug({ err: loggableError(error), sql: query.slice(0, 200) }, 'SQL statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    logger.warn({ ms: time, sql: query.slice(0, 200) }, 'slow SQL statement');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') logger.warn({ message: String(message) }, 'database');
  }
}
