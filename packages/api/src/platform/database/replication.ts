import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Where statements run when read replicas are configured (DATABASE_REPLICA_URLS): the dashboard's
 * reads on a replica (`onReplica`), writes and the reads that must see them at once on the primary
 * (`onPrimary*`). Without replicas every mode is the one database. TypeORM sends a plain
 * `dataSource.query()` to the primary, so reads meant for a replica must say so.
 */
export async function onPrimaryTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  await runner.startTransaction();
  try {
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** One statement on the primary. */
export function onPrimary<T = any>(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<T> {
  return queryOn<T>(dataSource, 'master', sql, parameters);
}

/** One read on a read replica (the primary when there is none). */
export function onReplica<T = any>(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<T> {
  return queryOn<T>(dataSource, 'slave', sql, parameters);
}

async function queryOn<T>(dataSource: DataSource, mode: 'master' | 'slave', sql: string, parameters: unknown[]): Promise<T> {
  const runner = dataSource.createQueryRunner(mode);
  try {
    return (await runner.query(sql, parameters)) as T;
  } finally {
    await runner.release();
  }
}

/** The pg pool of the data source's primary, for libraries that take a pool (the job queue, authentication). */
export function primaryPool(dataSource: DataSource): pg.Pool {
  const driver = dataSource.driver as unknown as { master?: pg.Pool };
  if (!driver.master) throw new Error('the data source is not connected');
  return driver.master;
}
