import type { DataSource } from 'typeorm';

/**
 * Runs `work` while this process holds PostgreSQL's advisory lock on (`space`, `key`) for its
 * connection, or reports that someone else holds it. The lock is the connection's: a process
 * that dies lets it go, so whoever holds it knows no one else is doing that work.
 */
export async function withSessionLock<T>(
  dataSource: DataSource,
  space: string,
  key: string,
  work: () => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  const runner = dataSource.createQueryRunner('master');
  try {
    const [row]: Array<{ locked: boolean }> = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked`, [space, key]);
    if (!row?.locked) return { locked: false };
    try {
      return { locked: true, value: await work() };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1), hashtext($2))`, [space, key]);
    }
  } finally {
    await runner.release();
  }
}
