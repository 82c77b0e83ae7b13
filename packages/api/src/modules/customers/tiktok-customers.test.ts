/**
 * The marketing list (`tiktokInsights.customers`) through the GraphQL API over a real PostgreSQL:
 * hand-built customers whose figures differ in every sort field, each expected order worked out
 * by hand. Every query passes an explicit `asOf`.
 *
 * Chicago offsets: CST (−06:00) before 2025-03-09, CDT (−05:00) from then. Noon CST = 18:00Z.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressData, OrderData, OrderStatus } from '../orders/order-input.js';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
let token: string;

const ADDRESS: Record<string, Partial<AddressData>> = {
  'tt-k1': { line1: '1 Lake Shore Dr', line2: null, city: 'Chicago', region: 'IL', postalCode: '60611', country: 'US' },
  'tt-k2': { line1: '2 Birch Ln', line2: 'Unit 7', city: 'Evanston', region: 'IL', postalCode: '60201', country: 'US' },
  'tt-k3': { line1: '3 Cedar Ct', line2: null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' },
  'tt-k4': { line1: '4 Dune Rd', line2: null, city: 'Gary', region: 'IN', postalCode: '46402', country: 'US' },
  'tt-k5': { line1: '5 Elm St', line2: 'Apt 2', city: 'Chicago', region: 'IL', postalCode: '60657', country: 'US' },
  'tt-k6': { line1: '6 Fir Ave', line2: null, city: 'Oak Park', region: 'IL', postalCode: '60302', country: 'US' },
  'tt-k7': { line1: '7 Gum St', line2: null, city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
};
const NAME: Record<string, string> = {
  'tt-k1': 'Maya Ortiz',
  'tt-k2': 'Ben Alvarez',
  'tt-k3': 'Zoe Kim',
  'tt-k4': 'Ava Brown',
  'tt-k5': 'Leo Nguyen',
  'tt-k6': 'Ed Park',
  'tt-k7': 'Nia Cole',
};

let sequence = 0;
function tiktok(customer: string, at: string, cents: number, status: OrderStatus = 'PAID'): OrderData {
  sequence += 1;
  return makeOrder({
    externalId: `${customer}-${sequence}`,
    channel: 'TIKTOK',
    placedAt: at,
    status,
    customer: { externalId: customer, name: NAME[customer]!, address: ADDRESS[customer]! },
    lines: [{ productExternalId: 'p-dress', productName: 'Dress', sku: null, quantity: 1, unitPriceCents: cents }],
  });
}

const cst = (day: string) => `${day}T12:00:00-06:00`; // noon CST = 18:00Z
const cdt = (day: string) => `${day}T12:00:00-05:00`; // noon CDT = 17:00Z

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  token = (await api.createShop({ timezone: 'America/Chicago' })).token;
  // Imported k5, k3, k1, k4, k2, k6, k7, so that the stored customer order is none of the sort orders.
  const orders = [
    // k5 Leo Nguyen: 5 × 400 = 2000; first 02-10 18:00Z, last 03-11 20:00 CDT = 03-12T01:00Z.
    ...['2025-02-10', '2025-02-12', '2025-02-14', '2025-02-16'].map((day) => tiktok('tt-k5', cst(day), 400)),
    tiktok('tt-k5', '2025-03-11T20:00:00-05:00', 400),
    // k3 Zoe Kim: 3 × 500 = 1500; first 02-20 18:00Z, last 03-05 18:00Z.
    ...['2025-02-20', '2025-02-25', '2025-03-05'].map((day) => tiktok('tt-k3', cst(day), 500)),
    // k1 Maya Ortiz: 1 × 9000; 03-03 18:00Z.
    tiktok('tt-k1', cst('2025-03-03'), 9000),
    // k4 Ava Brown: 4 × 1300 = 5200 up to 03-12 (02-26 … 03-08 18:00Z), then 6000 on 03-15 (17:00Z).
    ...['2025-02-26', '2025-02-28', '2025-03-02', '2025-03-08'].map((day) => tiktok('tt-k4', cst(day), 1300)),
    tiktok('tt-k4', cdt('2025-03-15'), 6000),
    // k2 Ben Alvarez: 1000 on 03-01 10:00 CST (16:00Z) + 2000 on 03-10 09:00 CDT (14:00Z) = 3000.
    tiktok('tt-k2', '2025-03-01T10:00:00-06:00', 1000),
    tiktok('tt-k2', '2025-03-10T09:00:00-05:00', 2000),
    // k6 Ed Park: only an order on 03-20 (17:00Z), 700.
    tiktok('tt-k6', cdt('2025-03-20'), 700),
    // k7 Nia Cole: only a cancelled order: never on the list.
    tiktok('tt-k7', cst('2025-03-04'), 5000, 'CANCELLED'),
  ];
  const result = await api.gql(IMPORT_MUTATION, { orders }, token);
  expect(result.errors).toBeUndefined();
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const LIST = `query ($asOf: Date, $first: Int, $after: String, $orderBy: CustomerOrder) {
  shop { tiktokInsights(asOf: $asOf) { customers(first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id tiktokCustomerId name firstOrderAt lastOrderAt orders netReceipts { cents currency formatted }
      address { line1 line2 city region postalCode country }
    } }
  } } }
}`;

async function list(variables: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await api.gql(LIST, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data!.shop.tiktokInsights.customers;
}

async function listError(variables: Record<string, unknown>) {
  const result = await api.gql(LIST, variables, token);
  expect(result.errors, 'an error is expected').toBeDefined();
  return result.errors![0]!;
}

const ids = (connection: Record<string, any>): string[] => connection.edges.map((e: any) => e.node.tiktokCustomerId);

/** Walks the list page by page with `after: endCursor`; returns the ids and each page's hasNextPage. */
async function walk(asOf: string, orderBy: Record<string, string> | null, first: number) {
  const seen: string[] = [];
  const hasNext: boolean[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page += 1) {
    const connection = await list({ asOf, first, after, orderBy });
    seen.push(...ids(connection));
    hasNext.push(connection.pageInfo.hasNextPage);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { seen, hasNext };
}

// Figures up to asOf 2025-03-12 (k4's 03-15 order and k6 are after it):
//   id     name          orders  net   first (UTC)        last (UTC)
//   tt-k1  Maya Ortiz    1       9000  03-03 18:00        03-03 18:00
//   tt-k2  Ben Alvarez   2       3000  03-01 16:00        03-10 14:00
//   tt-k3  Zoe Kim       3       1500  02-20 18:00        03-05 18:00
//   tt-k4  Ava Brown     4       5200  02-26 18:00        03-08 18:00
//   tt-k5  Leo Nguyen    5       2000  02-10 18:00        03-12 01:00
const ORDERINGS_0312: Array<[field: string, ascending: string[]]> = [
  ['NAME', ['tt-k4', 'tt-k2', 'tt-k5', 'tt-k1', 'tt-k3']], // Ava, Ben, Leo, Maya, Zoe
  ['FIRST_ORDER_AT', ['tt-k5', 'tt-k3', 'tt-k4', 'tt-k2', 'tt-k1']], // 02-10, 02-20, 02-26, 03-01, 03-03
  ['LAST_ORDER_AT', ['tt-k1', 'tt-k3', 'tt-k4', 'tt-k2', 'tt-k5']], // 03-03, 03-05, 03-08, 03-10, 03-12
  ['ORDERS', ['tt-k1', 'tt-k2', 'tt-k3', 'tt-k4', 'tt-k5']], // 1, 2, 3, 4, 5
  ['NET_RECEIPTS', ['tt-k3', 'tt-k5', 'tt-k2', 'tt-k4', 'tt-k1']], // 1500, 2000, 3000, 5200, 9000
];

// Up to asOf 2025-03-31 every order counts: k4 has 5 orders, 5200 + 6000 = 11200, last 03-15 17:00;
// k6 Ed Park has 1 order, 700, on 03-20 17:00. (ORDERS ties there: k1 and k6 have 1, k4 and k5 have 5.)
const ORDERINGS_0331: Array<[field: string, ascending: string[]]> = [
  ['NAME', ['tt-k4', 'tt-k2', 'tt-k6', 'tt-k5', 'tt-k1', 'tt-k3']], // Ava, Ben, Ed, Leo, Maya, Zoe
  ['FIRST_ORDER_AT', ['tt-k5', 'tt-k3', 'tt-k4', 'tt-k2', 'tt-k1', 'tt-k6']], // …, 03-03, 03-20
  ['LAST_ORDER_AT', ['tt-k1', 'tt-k3', 'tt-k2', 'tt-k5', 'tt-k4', 'tt-k6']], // 03-03, 03-05, 03-10, 03-12, 03-15, 03-20
  ['NET_RECEIPTS', ['tt-k6', 'tt-k3', 'tt-k5', 'tt-k2', 'tt-k1', 'tt-k4']], // 700, 1500, 2000, 3000, 9000, 11200
];

describe('the marketing list', () => {
  it('lists every customer with a counted TikTok order up to asOf, with their figures, latest name and address', async () => {
    const connection = await list({ asOf: '2025-03-12', first: 50 });
    expect(connection.totalCount).toBe(5);
    expect(connection.pageInfo).toEqual({ hasNextPage: false, endCursor: connection.edges[4].cursor });
    // Default order: net receipts, descending: 9000, 5200, 3000, 2000, 1500.
    expect(ids(connection)).toEqual(['tt-k1', 'tt-k4', 'tt-k2', 'tt-k5', 'tt-k3']);
    const rows = connection.edges.map((e: any) => {
      const { id, ...node } = e.node;
      expect(id).toMatch(/\S/);
      return node;
    });
    expect(rows).toEqual([
      { tiktokCustomerId: 'tt-k1', name: 'Maya Ortiz', orders: 1, netReceipts: { cents: 9000, currency: 'USD', formatted: '$90.00' },
        firstOrderAt: '2025-03-03T18:00:00.000Z', lastOrderAt: '2025-03-03T18:00:00.000Z', address: ADDRESS['tt-k1'] },
      { tiktokCustomerId: 'tt-k4', name: 'Ava Brown', orders: 4, netReceipts: { cents: 5200, currency: 'USD', formatted: '$52.00' },
        firstOrderAt: '2025-02-26T18:00:00.000Z', lastOrderAt: '2025-03-08T18:00:00.000Z', address: ADDRESS['tt-k4'] },
      { tiktokCustomerId: 'tt-k2', name: 'Ben Alvarez', orders: 2, netReceipts: { cents: 3000, currency: 'USD', formatted: '$30.00' },
        firstOrderAt: '2025-03-01T16:00:00.000Z', lastOrderAt: '2025-03-10T14:00:00.000Z', address: ADDRESS['tt-k2'] },
      { tiktokCustomerId: 'tt-k5', name: 'Leo Nguyen', orders: 5, netReceipts: { cents: 2000, currency: 'USD', formatted: '$20.00' },
        firstOrderAt: '2025-02-10T18:00:00.000Z', lastOrderAt: '2025-03-12T01:00:00.000Z', address: ADDRESS['tt-k5'] },
      { tiktokCustomerId: 'tt-k3', name: 'Zoe Kim', orders: 3, netReceipts: { cents: 1500, currency: 'USD', formatted: '$15.00' },
        firstOrderAt: '2025-02-20T18:00:00.000Z', lastOrderAt: '2025-03-05T18:00:00.000Z', address: ADDRESS['tt-k3'] },
    ]);
  });

  it('counts only orders up to an asOf in the past and leaves out customers whose orders all come later', async () => {
    // Up to 02-27: k5 4 × 400 = 1600 (02-10 … 02-16), k4 1300 (02-26), k3 2 × 500 = 1000 (02-20, 02-25).
    const connection = await list({ asOf: '2025-02-27' });
    expect(connection.totalCount).toBe(3);
    expect(connection.edges.map((e: any) => {
      const { tiktokCustomerId, orders, netReceipts, firstOrderAt, lastOrderAt } = e.node;
      return [tiktokCustomerId, orders, netReceipts.cents, firstOrderAt, lastOrderAt];
    })).toEqual([
      ['tt-k5', 4, 1600, '2025-02-10T18:00:00.000Z', '2025-02-16T18:00:00.000Z'],
      ['tt-k4', 1, 1300, '2025-02-26T18:00:00.000Z', '2025-02-26T18:00:00.000Z'],
      ['tt-k3', 2, 1000, '2025-02-20T18:00:00.000Z', '2025-02-25T18:00:00.000Z'],
    ]);

    // Up to 03-31 (after every order): k4 5 orders, 11200, last 03-15 17:00Z; k6 appears; k7 never.
    const all = await list({ asOf: '2025-03-31' });
    expect(all.totalCount).toBe(6);
    expect(ids(all)).toEqual(['tt-k4', 'tt-k1', 'tt-k2', 'tt-k5', 'tt-k3', 'tt-k6']); // 11200, 9000, 3000, 2000, 1500, 700
    const k4 = all.edges[0].node;
    expect([k4.orders, k4.netReceipts.cents, k4.lastOrderAt]).toEqual([5, 11200, '2025-03-15T17:00:00.000Z']);
    expect(all.edges[5].node).toMatchObject({ tiktokCustomerId: 'tt-k6', name: 'Ed Park', orders: 1, netReceipts: { cents: 700 } });
  });

  it.each(ORDERINGS_0312)('sorts by %s in both directions (asOf in the past)', async (field, ascending) => {
    const asc = await list({ asOf: '2025-03-12', first: 500, orderBy: { field, direction: 'ASC' } });
    expect(ids(asc)).toEqual(ascending);
    const desc = await list({ asOf: '2025-03-12', first: 500, orderBy: { field, direction: 'DESC' } });
    expect(ids(desc)).toEqual([...ascending].reverse());
  });

  it.each(ORDERINGS_0331)('sorts by %s in both directions (asOf after every order)', async (field, ascending) => {
    const asc = await list({ asOf: '2025-03-31', first: 500, orderBy: { field, direction: 'ASC' } });
    expect(ids(asc)).toEqual(ascending);
    const desc = await list({ asOf: '2025-03-31', first: 500, orderBy: { field, direction: 'DESC' } });
    expect(ids(desc)).toEqual([...ascending].reverse());
  });

  it('pages with first: 2 and after: endCursor through the same list as one page, in every ordering', async () => {
    for (const asOf of ['2025-03-12', '2025-03-31']) {
      for (const field of ['NAME', 'FIRST_ORDER_AT', 'LAST_ORDER_AT', 'ORDERS', 'NET_RECEIPTS']) {
        for (const direction of ['ASC', 'DESC']) {
          const orderBy = { field, direction };
          const whole = ids(await list({ asOf, first: 500, orderBy }));
          const paged = await walk(asOf, orderBy, 2);
          expect(paged.seen, `${asOf} ${field} ${direction}`).toEqual(whole);
          // 5 customers: pages of 2, 2, 1; 6 customers: 2, 2, 2. Only the last has no next page.
          expect(paged.hasNext).toEqual([true, true, false]);
        }
      }
    }
    // Pages of one split the ties of ORDERS at 03-31 (1, 1, 2, 3, 5, 5) and still give the same list.
    const orderBy = { field: 'ORDERS', direction: 'DESC' };
    const one = await walk('2025-03-31', orderBy, 1);
    expect(one.seen).toEqual(ids(await list({ asOf: '2025-03-31', first: 500, orderBy })));
    expect(one.hasNext).toEqual([true, true, true, true, true, false]);
    expect(new Set(one.seen).size).toBe(6);
  });

  it('answers after the last customer with an empty page', async () => {
    const whole = await list({ asOf: '2025-03-12', first: 5 });
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const rest = await list({ asOf: '2025-03-12', first: 5, after: whole.pageInfo.endCursor });
    expect(rest).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses a cursor of another ordering, and a made-up cursor, as BAD_USER_INPUT on after', async () => {
    const byName = await list({ asOf: '2025-03-12', first: 2, orderBy: { field: 'NAME', direction: 'ASC' } });
    const cursor = byName.pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    for (const orderBy of [{ field: 'NET_RECEIPTS', direction: 'DESC' }, { field: 'NAME', direction: 'DESC' }, null]) {
      const error = await listError({ asOf: '2025-03-12', first: 2, after: cursor, orderBy });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const madeUp = await listError({ asOf: '2025-03-12', first: 2, after: 'not-a-cursor' });
    expect(madeUp.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // The right ordering continues: Leo, Maya after Ava, Ben.
    const next = await list({ asOf: '2025-03-12', first: 2, after: cursor, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(ids(next)).toEqual(['tt-k5', 'tt-k1']);
  });

  it('refuses first over 500 or below 0 as BAD_USER_INPUT', async () => {
    expect((await listError({ asOf: '2025-03-12', first: 501 })).extensions!.code).toBe('BAD_USER_INPUT');
    expect((await listError({ asOf: '2025-03-12', first: -1 })).extensions!.code).toBe('BAD_USER_INPUT');
    const literal = await api.gql(`{ shop { tiktokInsights(asOf: "2025-03-12") { customers(first: 501) { totalCount } } } }`, {}, token);
    expect(literal.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // 500 itself is fine.
    expect((await list({ asOf: '2025-03-12', first: 500 })).edges).toHaveLength(5);
  });
});
