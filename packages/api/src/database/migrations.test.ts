import { expect, it } from 'vitest';
import { type TestApi } from '../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { type TestDatabase } from '../test-support/test-database.js';
import { useTestApiPerFile } from '../test-support/test-api-per-file.js';
import { MIGRATIONS } from './data-source.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

it('applies every migration, and reverts and reapplies the last ones cleanly', async () => {
  const applied = await db.dataSource.query(`SELECT name FROM migrations ORDER BY id`);
  expect(applied.map((m: { name: string }) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  await db.dataSource.undoLastMigration();
  await db.dataSource.undoLastMigration();
  expect(await db.dataSource.runMigrations()).toHaveLength(2);
});

it('deletes a shop with all of its data in one statement', async () => {
  const { shopId, token } = await api.createShop();
  const other = await api.createShop();
  const orders = [makeOrder(), makeOrder({ channel: 'WEBSITE' })];
  await api.gql(IMPORT_MUTATION, { orders }, token);
  await api.gql(IMPORT_MUTATION, { orders }, other.token);
  await db.dataSource.query(`DELETE FROM shop WHERE shop_id = $1`, [shopId]);
  const [{ left }] = await db.dataSource.query(
    `SELECT (SELECT count(*) FROM sales_order WHERE shop_id = $1) + (SELECT count(*) FROM order_line WHERE shop_id = $1)
          + (SELECT count(*) FROM customer WHERE shop_id = $1) + (SELECT count(*) FROM product WHERE shop_id = $1) AS left`,
    [shopId],
  );
  expect(Number(left)).toBe(0);
  const [{ kept }] = await db.dataSource.query(`SELECT count(*)::int AS kept FROM sales_order WHERE shop_id = $1`, [other.shopId]);
  expect(kept).toBe(2);
});
