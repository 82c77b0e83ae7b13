/**
 * Crafted `after` cursors: well-formed (base64url JSON of the right scope and length) but with
 * parts that do not fit their SQL types. They used to reach PostgreSQL and come back as
 * "Internal server error." (SQLSTATE 22P02, 22003, 22007, 22008, 22021); every cursor kind now
 * refuses them as BAD_USER_INPUT naming `after`, before any SQL, and real cursors still page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CustomerOrderField } from '../../modules/customers/tiktok-customer.types.js';
import type { TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import { decodeCursor, encodeCursor } from '../pagination/cursor.js';

let api: TestApi;
useTestApiPerFile((started) => ({ api } = started));
let token: string;

/** asOf after every order (the totals kept on each customer) and before the last one (computed from the orders). */
const AS_OF = { current: '2025-03-31', past: '2025-03-10' };

beforeAll(async () => {
  ({ token } = await api.createShop());
  const orders = [
    makeOrder({ placedAt: '2025-03-01T12:00:00-06:00', customer: { externalId: 'tt-a', name: 'Ava', address: { line1: '1 Main St' } } }),
    makeOrder({ placedAt: '2025-03-02T12:00:00-06:00', customer: { externalId: 'tt-b', name: 'Ben', address: { line1: '2 Main St' } } }),
    makeOrder({ placedAt: '2025-03-20T12:00:00-05:00', customer: { externalId: 'tt-b', name: 'Ben', address: { line1: '2 Main St' } } }),
    makeOrder({ placedAt: '2025-03-03T12:00:00-06:00', customer: { externalId: 'tt-c', name: 'Cleo', address: { line1: '3 Main St' } } }),
    // Store orders at the addresses of Ava and Cleo after their first TikTok order: two crossover customers.
    makeOrder({ channel: 'WEBSITE', placedAt: '2025-03-05T12:00:00-06:00', customer: { externalId: 'w-a', address: { line1: '1 Main St' } } }),
    makeOrder({ channel: 'APP', placedAt: '2025-03-06T12:00:00-06:00', customer: { externalId: 'w-c', address: { line1: '3 Main St' } } }),
  ];
  const imported = await api.gql(IMPORT_MUTATION, { orders }, token);
  expect(imported.errors).toBeUndefined();
});

const MARKETING = `query ($asOf: Date, $after: String, $orderBy: CustomerOrder) {
  shop { tiktokInsights(asOf: $asOf) { customers(first: 1, after: $after, orderBy: $orderBy) {
    pageInfo { hasNextPage endCursor } edges { node { tiktokCustomerId } }
  } } } }`;
const CROSSOVER = `query ($asOf: Date, $after: String) {
  shop { tiktokInsights(asOf: $asOf) { crossover { customers(first: 1, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { customer { tiktokCustomerId } } }
  } } } } }`;

const crafted = (scope: string, ...parts: unknown[]) => Buffer.from(JSON.stringify([scope, ...parts])).toString('base64url');

const INSTANT = '2025-03-02T18:00:00.000Z';
/** Values that do not fit a part of each SQL type (and what PostgreSQL said of them). */
const BAD: Record<'text' | 'int' | 'bigint' | 'timestamptz', unknown[]> = {
  text: ['Ava\u0000' /* 22021 */, 42, '\ud800'],
  int: [2 ** 31 /* 22003 */, -(2 ** 31) - 1, 1.5 /* 22P02 */, '12', 'abc' /* 22P02 */, 1e21, null],
  bigint: [2 ** 63 /* 22003 */, 1.5 /* 22P02 */, 1e21 /* 22P02 */, '9', 'x', null, true],
  timestamptz: [
    'not a date' /* 22007 */,
    '2025-02-30T00:00:00.000Z' /* 22008 */,
    '2025-03-02 18:00:00+00' /* not the form cursors are written in */,
    'infinity',
    'epoch',
    '0000-01-01T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    1740938400000,
  ],
};
const GOOD = { text: 'Ava', int: 1, bigint: 1, timestamptz: INSTANT };
const PART_OF: Record<string, keyof typeof BAD> = {
  NAME: 'text',
  ORDERS: 'int',
  NET_RECEIPTS: 'bigint',
  FIRST_ORDER_AT: 'timestamptz',
  LAST_ORDER_AT: 'timestamptz',
};

/** A cursor of the right scope with one bad part: the sort value or the customer id. */
function badCursors(scope: string, sortPart: keyof typeof BAD): string[] {
  return [
    ...BAD[sortPart].map((value) => crafted(scope, value, 1)),
    ...BAD.bigint.map((value) => crafted(scope, GOOD[sortPart], value)),
  ];
}

async function expectRefused(query: string, variables: Record<string, unknown>) {
  const result = await api.gql(query, variables, token);
  expect(result.errors, JSON.stringify(variables)).toHaveLength(1);
  expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  expect(result.errors![0]!.message).toMatch(/^after is not a cursor/);
}

describe('a crafted cursor', () => {
  for (const [asOfKind, asOf] of Object.entries(AS_OF)) {
    for (const field of Object.keys(CustomerOrderField)) {
      for (const direction of ['ASC', 'DESC']) {
        it(`of the marketing list by ${field} ${direction} (asOf ${asOfKind}) is BAD_USER_INPUT on after; a real one pages`, async () => {
          const orderBy = { field, direction };
          for (const after of badCursors(`customers:${asOf}:${field}:${direction}`, PART_OF[field]!)) {
            await expectRefused(MARKETING, { asOf, after, orderBy });
          }
          const first = await api.gql(MARKETING, { asOf, orderBy }, token);
          const page = first.data!.shop.tiktokInsights.customers;
          expect(page.pageInfo.hasNextPage).toBe(true);
          const next = await api.gql(MARKETING, { asOf, orderBy, after: page.pageInfo.endCursor }, token);
          expect(next.errors).toBeUndefined();
          expect(next.data!.shop.tiktokInsights.customers.edges).toHaveLength(1);
        });
      }
    }

    it(`of the crossover customers (asOf ${asOfKind}) is BAD_USER_INPUT on after; a real one pages`, async () => {
      for (const after of badCursors(`crossover:${asOf}`, 'timestamptz')) await expectRefused(CROSSOVER, { asOf, after });
      const first = await api.gql(CROSSOVER, { asOf }, token);
      const page = first.data!.shop.tiktokInsights.crossover.customers;
      expect(page.pageInfo.hasNextPage).toBe(true);
      const next = await api.gql(CROSSOVER, { asOf, after: page.pageInfo.endCursor }, token);
      expect(next.errors).toBeUndefined();
      expect(next.data!.shop.tiktokInsights.crossover.customers.edges).toHaveLength(1);
    });
  }

  it('round-trips every part type the lists write', () => {
    const cursor = encodeCursor('s', ['Zoë', 2 ** 31 - 1, Number.MAX_SAFE_INTEGER, '9999-12-31T23:59:59.999Z']);
    expect(decodeCursor(cursor, 's', ['text', 'int', 'bigint', 'timestamptz'])).toEqual(['Zoë', 2 ** 31 - 1, Number.MAX_SAFE_INTEGER, '9999-12-31T23:59:59.999Z']);
    expect(() => decodeCursor(cursor, 's', ['text', 'int', 'bigint'])).toThrow(/after is not a cursor/);
    expect(() => decodeCursor(cursor, 'other', ['text', 'int', 'bigint', 'timestamptz'])).toThrow(/after is not a cursor/);
  });
});
