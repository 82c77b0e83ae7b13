import { describe, expect, it } from 'vitest';
import { hashToken } from '../../platform/access/tokens.js';
import { TEST_ADMIN_TOKEN, type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { shopChecksum } from '../../test-support/table-checksum.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const CREATE_SHOP = `
  mutation ($input: CreateShopInput!) {
    createShop(input: $input) {
      token
      shop { id name timezone currency weekStartsOn aovTarget { cents currency formatted } lastImportAt tiktok { connected connectedAt disconnectedAt } }
    }
  }`;

const SHOP = `{ shop { id name timezone currency weekStartsOn aovTarget { cents formatted } lastImportAt } }`;

describe('createShop', () => {
  it('creates a shop with the spec defaults, TikTok connected, and a working token', async () => {
    const result = await api.gql(CREATE_SHOP, { input: { name: 'Rosie Lane', timezone: 'America/New_York' } }, TEST_ADMIN_TOKEN);
    expect(result.errors).toBeUndefined();
    const { shop, token } = result.data!.createShop;
    expect(shop).toMatchObject({
      name: 'Rosie Lane',
      timezone: 'America/New_York',
      currency: 'USD',
      weekStartsOn: 'MONDAY',
      aovTarget: { cents: 4000, currency: 'USD', formatted: '$40.00' },
      lastImportAt: null,
      tiktok: { connected: true, disconnectedAt: null },
    });
    expect(Date.parse(shop.tiktok.connectedAt)).not.toBeNaN();
    const own = await api.gql(SHOP, {}, token);
    expect(own.data!.shop).toMatchObject({ id: shop.id, name: 'Rosie Lane' });
  });

  it('takes currency, week start and AOV target', async () => {
    const result = await api.gql(
      CREATE_SHOP,
      { input: { name: 'Kimono Ya', timezone: 'Asia/Tokyo', currency: 'JPY', weekStartsOn: 'SUNDAY', aovTargetCents: 5000 } },
      TEST_ADMIN_TOKEN,
    );
    expect(result.data!.createShop.shop).toMatchObject({
      currency: 'JPY',
      weekStartsOn: 'SUNDAY',
      aovTarget: { cents: 5000, currency: 'JPY', formatted: '¥5,000' },
    });
  });

  it.each([
    [{ name: 'X', timezone: 'Mars/Olympus' }, 'timezone'],
    [{ name: 'X', timezone: '+05:00' }, 'timezone'],
    [{ name: 'X', timezone: 'America/Chicago', currency: 'ABC' }, 'currency'],
    [{ name: 'X', timezone: 'America/Chicago', currency: 'usd' }, 'currency'],
    [{ name: '  ', timezone: 'America/Chicago' }, 'name'],
    [{ name: 'X', timezone: 'America/Chicago', aovTargetCents: -1 }, 'aovTargetCents'],
  ])('refuses %j as BAD_USER_INPUT on %s and creates nothing', async (input, field) => {
    const [{ n: before }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM shop`);
    const result = await api.gql(CREATE_SHOP, { input }, TEST_ADMIN_TOKEN);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ n: after }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM shop`);
    expect(after).toBe(before);
  });

  it('is refused to a shop token (FORBIDDEN) and without a token (UNAUTHENTICATED)', async () => {
    const { token } = await api.createShop();
    const input = { name: 'Sneaky', timezone: 'America/Chicago' };
    const asShop = await api.gql(CREATE_SHOP, { input }, token);
    expect(asShop.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await api.gql(CREATE_SHOP, { input });
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM shop WHERE name = 'Sneaky'`);
    expect(n).toBe(0);
  });
});

describe('tokens', () => {
  it('answers a missing or wrong token with UNAUTHENTICATED and the admin token with FORBIDDEN', async () => {
    expect((await api.gql(SHOP)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(SHOP, {}, 'tti_not-a-real-token')).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(SHOP, {}, TEST_ADMIN_TOKEN)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const mutation = await api.gql(IMPORT_MUTATION, { orders: [makeOrder()] });
    expect(mutation.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lets anyone read the schema by introspection', async () => {
    const result = await api.gql(`{ __schema { queryType { name } } __type(name: "Shop") { fields { name } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.__schema.queryType.name).toBe('Query');
    expect(result.data!.__type.fields.map((f: { name: string }) => f.name)).toContain('lastImportAt');
  });

  it('stores only hashes of tokens', async () => {
    const { shopId, token } = await api.createShop();
    const rows = await db.dataSource.query(`SELECT token_hash FROM api_token WHERE shop_id = $1`, [shopId]);
    expect(rows).toHaveLength(1);
    expect(Buffer.compare(rows[0].token_hash, hashToken(token))).toBe(0);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM api_token WHERE position($1::bytea IN token_hash) > 0`,
      [Buffer.from(token)],
    );
    expect(n).toBe(0);
  });

  it('issues a second token and revokes the first at once', async () => {
    const { shopId, token } = await api.createShop();
    const issued = await api.gql(
      `mutation ($shopId: ID!) { createShopToken(shopId: $shopId, label: "rotation") { tokenId token } }`,
      { shopId },
      TEST_ADMIN_TOKEN,
    );
    const second = issued.data!.createShopToken.token;
    const [first] = await db.dataSource.query(
      `SELECT token_id FROM api_token WHERE shop_id = $1 AND token_hash = $2`,
      [shopId, hashToken(token)],
    );
    const revoked = await api.gql(
      `mutation ($shopId: ID!, $tokenId: ID!) { revokeShopToken(shopId: $shopId, tokenId: $tokenId) }`,
      { shopId, tokenId: first.token_id },
      TEST_ADMIN_TOKEN,
    );
    expect(revoked.data!.revokeShopToken).toBe(true);
    expect((await api.gql(SHOP, {}, token)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(SHOP, {}, second)).data!.shop.id).toBe(shopId);
  });

  it('keeps two shops apart: a token reads and writes its own shop only', async () => {
    const a = await api.createShop({ name: 'Shop A' });
    const b = await api.createShop({ name: 'Shop B' });
    const same = makeOrder({ externalId: 'shared-1', customer: { externalId: 'tt-shared', name: 'Private Person' } });
    await api.gql(IMPORT_MUTATION, { orders: [same] }, b.token);
    const bBefore = await shopChecksum(db.dataSource, b.shopId);

    const result = await api.gql(IMPORT_MUTATION, { orders: [{ ...same, status: 'CANCELLED' }] }, a.token);
    // Same ids in shop A are a new order of A, never B's order.
    expect(result.data!.importOrders).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await shopChecksum(db.dataSource, b.shopId)).toEqual(bBefore);
    expect((await api.gql(SHOP, {}, a.token)).data!.shop).toMatchObject({ id: a.shopId, name: 'Shop A' });
    expect((await api.gql(SHOP, {}, b.token)).data!.shop).toMatchObject({ id: b.shopId, name: 'Shop B' });
    const disconnect = await api.gql(`mutation { disconnectTikTok { connected } }`, {}, a.token);
    expect(disconnect.data!.disconnectTikTok.connected).toBe(false);
    const bState = await api.gql(`{ shop { tiktok { connected } } }`, {}, b.token);
    expect(bState.data!.shop.tiktok.connected).toBe(true);
  });

  it('sets lastImportAt when an import changes orders, and not when nothing changed', async () => {
    const { token } = await api.createShop();
    const order = makeOrder();
    await api.gql(IMPORT_MUTATION, { orders: [order] }, token);
    const first = (await api.gql(SHOP, {}, token)).data!.shop.lastImportAt;
    expect(Date.parse(first)).not.toBeNaN();
    await api.gql(IMPORT_MUTATION, { orders: [order] }, token);
    expect((await api.gql(SHOP, {}, token)).data!.shop.lastImportAt).toBe(first);
  });
});
