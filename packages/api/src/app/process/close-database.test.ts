/**
 * Closing the pools does not wait on a connection that will never answer: a pool's end waits for
 * every checked-out client to come back, and a client whose statement sits on a dead connection
 * (the server gone without closing its sockets) never does.
 */
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../reliability/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { closeDatabase } from './close-database.js';
import { createDataSource } from '../../platform/database/data-source.js';

let db: TestDatabase;
let proxy: TcpProxy;

beforeAll(async () => {
  db = await createTestDatabase();
  proxy = await startTcpProxy(db.url);
});

afterAll(async () => {
  await proxy?.close();
  await db?.drop();
});

it('closes a healthy data source and says so', async () => {
  const dataSource = createDataSource({ url: db.url, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.query('SELECT 1');
  expect(await closeDatabase(dataSource, performance.now() + 5_000)).toEqual({ finished: true });
  expect(dataSource.isInitialized).toBe(false);
});

it('stops waiting at the deadline for a client held on a dead connection, and reports it', async () => {
  const dataSource = createDataSource({ url: proxy.url, poolSize: 3 });
  await dataSource.initialize();
  await dataSource.query('SELECT 1');
  // A client held outside TypeORM's query runners, whose statement then never answers.
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const held = await pool.connect();
  proxy.blackHole();
  const hung = held.query('SELECT 1').catch((error: unknown) => error);

  const started = performance.now();
  const outcome = await closeDatabase(dataSource, started + 1_000);
  const ms = performance.now() - started;
  expect(ms).toBeGreaterThanOrEqual(990);
  expect(ms).toBeLessThan(1_500);
  expect(outcome).toEqual({
    finished: false,
    details: { reason: 'connections still checked out', pools: [{ role: 'primary', total: 1, idle: 0, waiting: 0 }] },
  });

  // The pool's own end is still waiting on the held client, and would for ever; it ends once the
  // client comes back.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect({ ending: pool.ending, ended: pool.ended }).toEqual({ ending: true, ended: false });
  held.release(true);
  await hung;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pool.ended).toBe(true);
});
