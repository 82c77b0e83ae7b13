import { expect, it } from 'vitest';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const STATE = `{ shop { tiktok { connected connectedAt disconnectedAt } } }`;

async function orderCount(shopId: string): Promise<number> {
  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM sales_order WHERE shop_id = $1`, [shopId]);
  return n;
}

it('disconnecting keeps every order, imports keep working, and reconnecting brings it all back', async () => {
  const { shopId, token } = await api.createShop();
  await api.gql(IMPORT_MUTATION, { orders: [makeOrder(), makeOrder(), makeOrder({ channel: 'APP' })] }, token);
  expect(await orderCount(shopId)).toBe(3);

  const off = await api.gql(`mutation { disconnectTikTok { connected connectedAt disconnectedAt } }`, {}, token);
  expect(off.data!.disconnectTikTok.connected).toBe(false);
  expect(Date.parse(off.data!.disconnectTikTok.disconnectedAt)).not.toBeNaN();
  expect(await orderCount(shopId)).toBe(3);

  const whileOff = await api.gql(IMPORT_MUTATION, { orders: [makeOrder()] }, token);
  expect(whileOff.data!.importOrders.created).toBe(1);

  // Disconnecting twice is harmless and keeps the first disconnect time.
  const again = await api.gql(`mutation { disconnectTikTok { disconnectedAt } }`, {}, token);
  expect(again.data!.disconnectTikTok.disconnectedAt).toBe(off.data!.disconnectTikTok.disconnectedAt);

  const on = await api.gql(`mutation { connectTikTok { connected connectedAt disconnectedAt } }`, {}, token);
  expect(on.data!.connectTikTok.connected).toBe(true);
  expect(Date.parse(on.data!.connectTikTok.connectedAt)).toBeGreaterThanOrEqual(Date.parse(off.data!.disconnectTikTok.disconnectedAt));
  expect((await api.gql(STATE, {}, token)).data!.shop.tiktok.connected).toBe(true);
  expect(await orderCount(shopId)).toBe(4);
  const [{ n }] = await db.dataSource.query(
    `SELECT sum(orders)::int AS n FROM daily_channel_summary WHERE shop_id = $1`,
    [shopId],
  );
  expect(n).toBe(4);
});
