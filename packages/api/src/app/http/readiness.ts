import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { sidePool } from '../../platform/database/side-pool.js';

/** How long `/readyz` waits for the database before it answers 503. */
export const READINESS_TIMEOUT_MS = 2_000;

export interface ReadinessProbe {
  /** Whether the primary answers `SELECT 1` in time. Calls made while a check runs share it. */
  check(): Promise<boolean>;
  /** Closes the probe's connection (in the background: a vanished server may never answer). */
  close(): void;
}

/**
 * `/readyz`'s check, on a connection of its own: a busy request pool (every slot taken by slow
 * requests) must not make a load balancer take a healthy replica out, and a flood of probes takes
 * at most this one connection.
 */
export function readinessProbe(dataSource: DataSource, timeoutMs = READINESS_TIMEOUT_MS): ReadinessProbe {
  const pool = sidePool(
    dataSource,
    'primary',
    { max: 1, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, idleTimeoutMillis: 60_000, application_name: 'tiktok-insights-readiness' },
    // A dropped idle connection is what the next check reports.
    () => {},
  );

  async function answers(): Promise<boolean> {
    const started = performance.now();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch {
      return false;
    }
    let timer: NodeJS.Timeout | undefined;
    const query = client.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, timeoutMs - (performance.now() - started)));
    });
    const outcome = await Promise.race([query, late]);
    clearTimeout(timer);
    // A connection that failed or went silent is closed, never handed to the next check.
    client.release(outcome === true ? undefined : new Error('the readiness check failed'));
    return outcome === true;
  }

  let running: Promise<boolean> | null = null;
  return {
    check() {
      running ??= answers().finally(() => (running = null));
      return running;
    },
    close() {
      pool.end().catch(() => {});
    },
  };
}
