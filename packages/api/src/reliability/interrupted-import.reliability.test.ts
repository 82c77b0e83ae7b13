/**
 * The database connection of an import is killed in the middle of writing a 5,000-order batch
 * (its backend found in pg_stat_activity while it runs `INSERT INTO sales_order` or
 * `INSERT INTO order_line`, then pg_terminate_backend): nothing of the batch is written, and
 * sending it again applies it exactly once.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test-support/api-client.js';
import { IMPORT_MUTATION } from '../test-support/order-factory.js';
import { shopChecksum, summariesMatchOrders } from '../test-support/table-checksum.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { adminClient, bigBatch, totalsOf } from './support.js';

let db: TestDatabase;
let api: TestApi;
let observer: pg.Client;
let database: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  observer = await adminClient(db.url);
  database = new URL(db.url).pathname.slice(1);
});

afterAll(async () => {
  await observer?.end();
  await api?.close();
  await db?.drop();
});

/**
 * Watches pg_stat_activity, as fast as it answers, until a backend of the API runs a statement
 * starting with `statement`, then terminates it. Resolves with what it killed, or null when
 * `done()` turns true first.
 */
async function killWhenRunning(statement: string, done: () => boolean): Promise<{ pid: number; query: string } | null> {
  while (!done()) {
    const { rows } = await observer.query<{ pid: number; query: string }>(
      `SELECT pid, query FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'tiktok-insights-api' AND state = 'active'
          AND pid <> pg_backend_pid() AND query ~ $2`,
      [database, `^\\s*${statement}\\M`],
    );
    const target = rows[0];
    if (target) {
      const { rows: killed } = await observer.query<{ ok: boolean }>(`SELECT pg_terminate_backend($1) AS ok`, [target.pid]);
      if (killed[0]?.ok) return target;
    }
  }
  return null;
}

describe.each(['INSERT INTO sales_order', 'INSERT INTO order_line'])('killing the connection during %s', (statement) => {
  it('writes nothing of the batch, and the batch sent again is applied exactly once', async () => {
    const { shopId, token } = await api.createShop();
    // Some earlier data that must stay as it is.
    const earlier = bigBatch(`earlier-${statement.length}`, 200, 1);
    expect((await api.gql(IMPORT_MUTATION, { orders: earlier }, token)).errors).toBeUndefined();
    const before = await shopChecksum(db.dataSource, shopId);

    const batch = bigBatch(`killed-${statement.length}`, 5000, 3);
    let settled = false;
    const sent = api.gql(IMPORT_MUTATION, { orders: batch }, token).finally(() => (settled = true));
    const killed = await killWhenRunning(statement, () => settled);
    const answer = await sent;
    expect(killed, `the import was caught running ${statement}`).not.toBeNull();
    expect(killed!.query).toMatch(new RegExp(`^\\s*${statement}`));
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await shopChecksum(db.dataSource, shopId), 'nothing of the interrupted batch was written').toEqual(before);

    // Sent again (the client's retry): applied once, then recognised as unchanged.
    const retried = await api.gql(IMPORT_MUTATION, { orders: batch }, token);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.importOrders).toEqual({ created: 5000, updated: 0, unchanged: 0 });
    const again = await api.gql(IMPORT_MUTATION, { orders: batch }, token);
    expect(again.data!.importOrders).toEqual({ created: 0, updated: 0, unchanged: 5000 });

    const expected = totalsOf([...earlier, ...batch]);
    const [stored] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM sales_order WHERE shop_id = $1) AS orders,
              (SELECT count(DISTINCT (channel, external_id))::int FROM sales_order WHERE shop_id = $1) AS keys,
              (SELECT count(*)::int FROM order_line WHERE shop_id = $1) AS lines,
              (SELECT coalesce(sum(net_receipts_cents), 0)::bigint FROM sales_order WHERE shop_id = $1) AS net`,
      [shopId],
    );
    expect({ orders: stored.orders, keys: stored.keys, lines: stored.lines, net: Number(stored.net) }).toEqual({
      orders: expected.orders,
      keys: expected.orders,
      lines: expected.lines,
      net: expected.netReceiptsCents,
    });
    expect(await summariesMatchOrders(db.dataSource, shopId)).toEqual({ channel: [], product: [], buyers: [], returns: [], customers: [], newCustomers: [], hours: [], cohorts: [] });
    console.log(`interrupted import: backend ${killed!.pid} killed during ${statement}; nothing written; the retry created 5000 orders once (0 lost, 0 doubled)`);
  });
});
