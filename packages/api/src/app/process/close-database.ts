import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { settlesBy, type StepOutcome } from './shutdown.js';

/** The pg pools behind a TypeORM data source: the primary's and each read replica's. */
function poolsOf(dataSource: DataSource): Array<{ role: string; pool: pg.Pool }> {
  const driver = dataSource.driver as unknown as { master?: pg.Pool; slaves?: pg.Pool[] };
  return [
    ...(driver.master ? [{ role: 'primary', pool: driver.master }] : []),
    ...(driver.slaves ?? []).map((pool, i) => ({ role: `replica ${i + 1}`, pool })),
  ];
}

/**
 * Closes the data source's pools (primary and replicas) without waiting past `deadline`. A pool's
 * end waits for every client that is checked out to come back, and a client whose statement sits
 * on a dead connection (a server that vanished without closing its sockets) never does: then this
 * stops waiting and reports what was left; the process's exit closes those sockets.
 */
export async function closeDatabase(dataSource: DataSource, deadline: number): Promise<StepOutcome> {
  if (!dataSource.isInitialized) return { finished: true };
  // Read before destroy(), which forgets the pools.
  const pools = poolsOf(dataSource);
  const closed = dataSource.destroy();
  if (await settlesBy(closed, deadline)) {
    try {
      await closed;
      return { finished: true };
    } catch (error) {
      return { finished: false, details: { err: error instanceof Error ? error.message : String(error) } };
    }
  }
  return {
    finished: false,
    details: {
      reason: 'connections still checked out',
      pools: pools.map(({ role, pool }) => ({ role, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount })),
    },
  };
}
