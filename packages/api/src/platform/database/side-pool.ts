import pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A small pg pool of its own beside a data source's pools, to the same primary or to one of its
 * read replicas, with the same connection settings (credentials, SSL, statement timeout, session
 * options) unless `overrides` says otherwise. Work that must not wait for, or take, a slot of the
 * request pool gets one: the readiness probe, the CSV exports.
 */
export function sidePool(
  dataSource: DataSource,
  target: 'primary' | 'replica',
  overrides: pg.PoolConfig,
  onIdleError: (error: Error) => void,
): pg.Pool {
  const driver = dataSource.driver as unknown as { master?: pg.Pool; slaves?: pg.Pool[] };
  const replicas = driver.slaves ?? [];
  const model = target === 'replica' && replicas.length > 0 ? replicas[Math.floor(Math.random() * replicas.length)]! : driver.master;
  if (!model) throw new Error('the data source is not initialized');
  const { options } = model as unknown as { options: pg.PoolConfig };
  // pg-pool keeps the password as a hidden (non-enumerable) property, which a spread would drop.
  const pool = new pg.Pool({ ...options, ...(options.password !== undefined ? { password: options.password } : {}), ...overrides });
  // An idle client whose server went away (PostgreSQL restarted or stopped) is dropped by the
  // pool, which reports it here; without a listener the process would crash on it.
  pool.on('error', onIdleError);
  return pool;
}
