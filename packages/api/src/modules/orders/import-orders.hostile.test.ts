/**
 * Hostile input to `importOrders`, generated with fast-check: every invalid order is refused with
 * BAD_USER_INPUT naming its index and field (`extensions.orderIndex`, `extensions.field`), and
 * no table of the shop changes; valid unicode round-trips exactly. Then hostile HTTP requests:
 * whatever the body, method or content type, the answer is a 4xx, never a 500.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { shopChecksum } from '../../test-support/table-checksum.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { importOrdersOfShop as importOrders } from '../../test-support/import-orders-of-shop.js';
import { MAX_ORDERS_PER_IMPORT } from './domain-order.js';

let db: TestDatabase;
let api: TestApi;
let shop: { shopId: string; token: string };
let before: Record<string, string>;
/** Runs of every property, for the report. */
const runs: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  shop = await api.createShop();
  const seeded = await api.gql(IMPORT_MUTATION, { orders: [makeOrder({ externalId: 'existing-1' }), makeOrder({ externalId: 'existing-2', channel: 'APP' })] }, shop.token);
  expect(seeded.errors).toBeUndefined();
  before = await shopChecksum(db.dataSource, shop.shopId);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  console.log(`hostile imports: ${Object.entries(runs).map(([name, n]) => `${name} ${n}`).join(', ')}; total ${Object.values(runs).reduce((a, b) => a + b, 0)} runs`);
});

// ---------------------------------------------------------------------------------------------
// Generated invalid orders
// ---------------------------------------------------------------------------------------------

type Order = Record<string, any>;

/** One invalid value put at one place of an otherwise valid order. */
interface Spoil {
  kind: string;
  /** The field as the API names it, relative to the order. */
  field: string;
  value: unknown;
}

/** Puts `value` at `path` (e.g. `customer.address.line1`, `lines[0].quantity`) of an order. */
function setAt(order: Order, path: string, value: unknown): void {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let target: any = order;
  for (const part of parts.slice(0, -1)) target = target[part];
  target[parts.at(-1)!] = value;
}

const AMOUNTS = ['taxCents', 'shippingCents', 'discountCents', 'creditCents', 'lines[0].unitPriceCents'];
const REQUIRED_TEXT = [
  'externalId',
  'customer.externalId',
  'customer.name',
  'customer.address.line1',
  'customer.address.city',
  'customer.address.region',
  'customer.address.postalCode',
  'lines[0].productExternalId',
  'lines[0].productName',
];
const OPTIONAL_TEXT = ['customer.address.line2', 'lines[0].sku', 'customer.email'];
const TEXT = [...REQUIRED_TEXT, ...OPTIONAL_TEXT];

const spoil = (kind: string, fields: string[], values: fc.Arbitrary<unknown>): fc.Arbitrary<Spoil> =>
  fc.record({ field: fc.constantFrom(...fields), value: values }).map(({ field, value }) => ({ kind, field, value }));

const pad = (n: number) => String(n).padStart(2, '0');
const withoutOffset = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** A valid text with one bad character put somewhere in it. */
const textWith = (bad: fc.Arbitrary<string>) =>
  fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), bad, fc.nat()).map(([text, char, at]) => {
    const i = at % (text.length + 1);
    return `${text.slice(0, i)}${char}${text.slice(i)}`;
  });

/** Every C0 and C1 control character and DEL: Unicode's Cc category. */
const controlCharacter = fc.oneof(fc.integer({ min: 0x00, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x9f })).map((code) => String.fromCharCode(code));
/** A high surrogate followed by a non-surrogate, or a low surrogate alone. */
const loneSurrogate = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdbff }).map((code) => `${String.fromCharCode(code)}x`),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);

const SPOILS: fc.Arbitrary<Spoil> = fc.oneof(
  spoil('negative amount', AMOUNTS, fc.integer({ min: -(2 ** 31), max: -1 })),
  spoil('amount over its cap', ['taxCents', 'shippingCents', 'discountCents', 'creditCents'], fc.integer({ min: 1_000_000_001, max: 2 ** 31 - 1 })),
  spoil('unit price over its cap', ['lines[0].unitPriceCents'], fc.integer({ min: 10_000_001, max: 2 ** 31 - 1 })),
  spoil('amount beyond 32 bits', [...AMOUNTS, 'lines[0].quantity'], fc.oneof(fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }), fc.constant(1e300))),
  spoil(
    'fractional amount',
    [...AMOUNTS, 'lines[0].quantity'],
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  ),
  spoil('quantity below 1', ['lines[0].quantity'], fc.integer({ min: -(2 ** 31), max: 0 })),
  spoil('quantity over its cap', ['lines[0].quantity'], fc.integer({ min: 10_001, max: 2 ** 31 - 1 })),
  spoil(
    'date without offset',
    ['placedAt'],
    fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2099-12-30T00:00:00Z'), noInvalidDate: true }).chain((d) =>
      fc.constantFrom(withoutOffset(d), withoutOffset(d).slice(0, 10), withoutOffset(d).replace('T', ' ')),
    ),
  ),
  spoil(
    'date out of range',
    ['placedAt'],
    fc.oneof(
      fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('1999-12-31T23:59:59Z'), noInvalidDate: true }),
      fc.date({ min: new Date('2100-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
    ).map((d) => d.toISOString()),
  ),
  spoil(
    'impossible date',
    ['placedAt'],
    fc.record({ month: fc.integer({ min: 13, max: 99 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ month, day }) => `2025-${month}-${pad(day)}T10:00:00Z`),
  ),
  spoil(
    'unknown enum value',
    ['channel', 'status'],
    fc.oneof(
      fc.string({ minLength: 0, maxLength: 12 }).filter((s) => !['TIKTOK', 'APP', 'WEBSITE', 'FACEBOOK', 'INSTAGRAM', 'OTHER', 'UNPAID', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'].includes(s)),
      fc.constantFrom('tiktok', 'Paid', ' PAID', 'PAID '),
      fc.integer(),
    ),
  ),
  spoil('empty or blank text', [...REQUIRED_TEXT, 'customer.address.country'], fc.constantFrom('', ' ', '   ', '\u3000', ' \u00a0 ')),
  spoil('10 kB text', TEXT, fc.tuple(fc.constantFrom('x', 'é', '李', ' '), fc.integer({ min: 10_000, max: 10_240 })).map(([c, n]) => c.repeat(n))),
  spoil('control character', TEXT, textWith(controlCharacter)),
  spoil('lone surrogate', TEXT, textWith(loneSurrogate)),
);

/** A batch of 1 to 6 valid orders with one spoiled, and where. */
const spoiledBatch = fc.record({ size: fc.integer({ min: 1, max: 6 }), at: fc.nat(), spoil: SPOILS, seed: fc.nat() }).map(({ size, at, spoil, seed }) => {
  const orders: Order[] = Array.from({ length: size }, (_, i) =>
    makeOrder({ externalId: `h-${seed}-${i}`, channel: i % 2 === 0 ? 'TIKTOK' : 'WEBSITE' }) as unknown as Order,
  );
  const index = at % size;
  setAt(orders[index]!, spoil.field, spoil.value);
  return { orders, index, spoil };
});

function expectNamed(extensions: Record<string, unknown> | undefined, index: number, field: string): void {
  expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderIndex: index, field });
}

describe('importOrders refuses generated invalid orders, naming the order and the field, and writes nothing', () => {
  it('through the GraphQL API', async () => {
    runs['invalid orders (API)'] = 0;
    await fc.assert(
      fc.asyncProperty(spoiledBatch, async ({ orders, index, spoil }) => {
        runs['invalid orders (API)']!++;
        const result = await api.gql(IMPORT_MUTATION, { orders }, shop.token);
        expect(result.status, spoil.kind).toBeLessThan(500);
        expect(result.data ?? null).toBeNull();
        expectNamed(result.errors?.[0]?.extensions, index, spoil.field);
        expect(result.errors![0]!.message).toContain(`orders[${index}]`);
        expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('through the import service itself (no GraphQL coercion in front)', async () => {
    runs['invalid orders (service)'] = 0;
    await fc.assert(
      fc.asyncProperty(spoiledBatch, async ({ orders, index, spoil }) => {
        runs['invalid orders (service)']!++;
        const error = await importOrders(db.dataSource, shop.shopId, orders).then(
          () => null,
          (thrown: unknown) => thrown,
        );
        expect(error, spoil.kind).toBeInstanceOf(AppError);
        expectNamed({ ...(error as AppError).details, code: (error as AppError).code }, index, spoil.field);
        expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('the same key twice in one batch names the later order', async () => {
    runs['repeated keys'] = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        async (size, a, b, sameContent) => {
          runs['repeated keys']!++;
          const orders = Array.from({ length: size }, (_, i) => makeOrder({ externalId: `dup-${i}` }));
          const first = a % size;
          const second = (first + 1 + (b % (size - 1))) % size;
          const [earlier, later] = [Math.min(first, second), Math.max(first, second)];
          orders[later] = sameContent ? structuredClone(orders[earlier]!) : { ...orders[later]!, externalId: orders[earlier]!.externalId };
          const result = await api.gql(IMPORT_MUTATION, { orders }, shop.token);
          expectNamed(result.errors?.[0]?.extensions, later, 'externalId');
          expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('5,001 orders name the first order past the limit', async () => {
    const orders = Array.from({ length: MAX_ORDERS_PER_IMPORT + 1 }, (_, i) => makeOrder({ externalId: `many-${i}` }));
    const result = await api.gql(IMPORT_MUTATION, { orders }, shop.token);
    expect(result.data ?? null).toBeNull();
    expectNamed(result.errors?.[0]?.extensions, MAX_ORDERS_PER_IMPORT, 'orders');
    expect(result.errors![0]!.message).toContain('at most 5000');
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
  });
});

describe('valid unicode', () => {
  const unicodeText = (max: number) =>
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
      .filter((s) => s.length <= max && s.trim().length > 0 && s.isWellFormed() && !/\p{Cc}/u.test(s));

  it('round-trips names and addresses exactly through the import and the marketing list', async () => {
    runs['unicode round trips'] = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: unicodeText(300),
          line1: unicodeText(200),
          line2: fc.option(unicodeText(200), { nil: null }),
          city: unicodeText(100),
          region: unicodeText(100),
          productName: unicodeText(500),
        }),
        async (values) => {
          runs['unicode round trips']!++;
          n++;
          // A shop of its own each run: its one customer and product are the whole lists.
          const own = await api.createShop();
          const customerId = `uni-${n}`;
          const order = makeOrder({
            externalId: `uni-order-${n}`,
            placedAt: '2025-04-01T12:00:00-05:00',
            customer: { externalId: customerId, name: values.name, address: { line1: values.line1, line2: values.line2, city: values.city, region: values.region, postalCode: '60614', country: 'US' } },
            lines: [{ productExternalId: `uni-p-${n}`, productName: values.productName, sku: null, quantity: 1, unitPriceCents: 1000 }],
          });
          const imported = await api.gql(IMPORT_MUTATION, { orders: [order] }, own.token);
          expect(imported.errors).toBeUndefined();
          const read = await api.gql(
            `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
               customers(first: 500) {
                 totalCount edges { node { tiktokCustomerId name address { line1 line2 city region postalCode country } } }
               }
               dateRange(from: "2025-04-01", to: "2025-04-01") { topProducts(first: 500) { product { externalId name } } }
             } } }`,
            { asOf: '2025-04-30' },
            own.token,
          );
          expect(read.errors).toBeUndefined();
          const insights = read.data!.shop.tiktokInsights;
          expect(insights.customers.totalCount).toBe(1);
          expect(insights.customers.edges.map((e: any) => e.node)).toEqual([{
            tiktokCustomerId: customerId,
            name: values.name,
            address: { line1: values.line1, line2: values.line2, city: values.city, region: values.region, postalCode: '60614', country: 'US' },
          }]);
          expect(insights.dateRange.topProducts.map((t: any) => t.product)).toEqual([{ externalId: `uni-p-${n}`, name: values.productName }]);
        },
      ),
      { numRuns: 80 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile HTTP: 4xx, never 500
// ---------------------------------------------------------------------------------------------

describe('hostile HTTP requests get a 4xx, never a 500', () => {
  const graphql = () => `${api.server.url}/graphql`;
  const json = { 'content-type': 'application/json' };
  const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
  const mutation = 'mutation ($orders: [OrderInput!]!) { importOrders(orders: $orders) { created } }';

  const requests: Array<[string, () => Promise<Response>]> = [
    ['malformed JSON', () => fetch(graphql(), { method: 'POST', headers: json, body: '{"query": ' })],
    ['JSON with a trailing comma', () => fetch(graphql(), { method: 'POST', headers: json, body: '{"query": "{ __typename }",}' })],
    ['an empty body', () => fetch(graphql(), { method: 'POST', headers: json, body: '' })],
    ['a body of whitespace', () => fetch(graphql(), { method: 'POST', headers: json, body: '   \n ' })],
    ['JSON null', () => fetch(graphql(), { method: 'POST', headers: json, body: 'null' })],
    ['a JSON string', () => fetch(graphql(), { method: 'POST', headers: json, body: '"{ __typename }"' })],
    ['a JSON number', () => fetch(graphql(), { method: 'POST', headers: json, body: '42' })],
    ['an empty batch', () => fetch(graphql(), { method: 'POST', headers: json, body: '[]' })],
    ['an object without a query', () => fetch(graphql(), { method: 'POST', headers: json, body: '{"foo": 1}' })],
    ['a numeric query', () => fetch(graphql(), { method: 'POST', headers: json, body: '{"query": 123}' })],
    ['a null query', () => fetch(graphql(), { method: 'POST', headers: json, body: '{"query": null}' })],
    ['an object query', () => fetch(graphql(), { method: 'POST', headers: json, body: '{"query": {"shop": true}}' })],
    ['variables as a string', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }', variables: 'x' }) })],
    ['variables as a list', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }', variables: [1] }) })],
    ['a numeric operationName', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }', operationName: 5 }) })],
    ['an unknown operationName', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }) })],
    ['two operations without a name', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: 'query A { __typename } query B { __typename }' }) })],
    ['extensions as a string', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }', extensions: 'x' }) })],
    ['a query that is not GraphQL', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: 'SELECT * FROM customer; --' }) })],
    ['a query of a NUL byte', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: '\u0000' }) })],
    ['JSON nested 100,000 deep', () => fetch(graphql(), { method: 'POST', headers: json, body: deep(100_000, '[', ']') })],
    ['variables nested 100,000 deep', () => fetch(graphql(), { method: 'POST', headers: json, body: `{"query": ${JSON.stringify(mutation)}, "variables": {"orders": ${deep(100_000, '[', ']')}}}` })],
    ['a query nested 5,000 deep', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: `{ ${deep(5000, 'shop { ', '} ')} }` }) })],
    ['a list value nested 5,000 deep', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: `mutation { importOrders(orders: ${deep(5000, '[', ']')}) { created } }` }) })],
    ['orders that are not objects', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: mutation, variables: { orders: [1, 'x', null] } }) })],
    ['orders as an object', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ query: mutation, variables: { orders: { 0: {} } } }) })],
    ['a text/plain POST', () => fetch(graphql(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query": "{ __typename }"}' })],
    ['an XML POST', () => fetch(graphql(), { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query>shop</query>' })],
    ['an application/graphql POST', () => fetch(graphql(), { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ __typename }' })],
    ['a POST without a content type', () => fetch(graphql(), { method: 'POST', body: new Uint8Array(Buffer.from('{"query": "{ __typename }"}')) })],
    ['JSON in an unsupported charset', () => fetch(graphql(), { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"query": "{ __typename }"}' })],
    ['a gzip body that is not gzip', () => fetch(graphql(), { method: 'POST', headers: { ...json, 'content-encoding': 'gzip' }, body: 'not gzip at all' })],
    ['an unknown content encoding', () => fetch(graphql(), { method: 'POST', headers: { ...json, 'content-encoding': 'br2' }, body: '{}' })],
    ['invalid UTF-8', () => fetch(graphql(), { method: 'POST', headers: json, body: new Uint8Array([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) })],
    ['a GET without a query', () => fetch(graphql(), { headers: { 'apollo-require-preflight': 'true' } })],
    ['a GET with an empty query', () => fetch(`${graphql()}?query=`, { headers: { 'apollo-require-preflight': 'true' } })],
    ['a GET with variables that are not JSON', () => fetch(`${graphql()}?query=${encodeURIComponent('{ __typename }')}&variables={oops`, { headers: { 'apollo-require-preflight': 'true' } })],
    ['a mutation over GET', () => fetch(`${graphql()}?query=${encodeURIComponent('mutation { connectTikTok { connected } }')}`, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${shop.token}` } })],
    ['a GET with a 20 kB query string', () => fetch(`${graphql()}?query=${'x'.repeat(20_000)}`, { headers: { 'apollo-require-preflight': 'true' } })],
    ['a PUT', () => fetch(graphql(), { method: 'PUT', headers: json, body: '{"query": "{ __typename }"}' })],
    ['a DELETE', () => fetch(graphql(), { method: 'DELETE' })],
    ['a PATCH', () => fetch(graphql(), { method: 'PATCH', headers: json, body: '{}' })],
    ['an export with a malformed asOf', () => fetch(`${api.server.url}/api/exports/tiktok-customers.csv?asOf=2025-13-45`, { headers: { authorization: `Bearer ${shop.token}` } })],
    ['an export with an unknown ordering', () => fetch(`${api.server.url}/api/exports/tiktok-customers.csv?orderBy=__proto__&direction=UP`, { headers: { authorization: `Bearer ${shop.token}` } })],
    ['an export with a repeated asOf', () => fetch(`${api.server.url}/api/exports/crossover-customers.csv?asOf=2025-01-01&asOf=2025-02-01&asOf[x]=1`, { headers: { authorization: `Bearer ${shop.token}` } })],
    ['an export without a token', () => fetch(`${api.server.url}/api/exports/tiktok-customers.csv`)],
    ['an unknown export', () => fetch(`${api.server.url}/api/exports/orders.csv`, { headers: { authorization: `Bearer ${shop.token}` } })],
    ['an export by POST', () => fetch(`${api.server.url}/api/exports/tiktok-customers.csv`, { method: 'POST', headers: { authorization: `Bearer ${shop.token}` } })],
  ];

  // GraphQL answers these with 200 and a coded error, as its protocols want (an unknown persisted
  // query is how automatic persisted queries ask for the query; a bad token is UNAUTHENTICATED).
  const answeredWithCodedErrors: Array<[string, string, () => Promise<Response>]> = [
    ['an unknown persisted query', 'PERSISTED_QUERY_NOT_FOUND', () => fetch(graphql(), { method: 'POST', headers: json, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }) })],
    ['a malformed authorization header', 'UNAUTHENTICATED', () => fetch(graphql(), { method: 'POST', headers: { ...json, authorization: 'Bearer' }, body: '{"query": "{ shop { id } }"}' })],
    ['a token of 10 kB', 'UNAUTHENTICATED', () => fetch(graphql(), { method: 'POST', headers: { ...json, authorization: `Bearer ${'t'.repeat(10_000)}` }, body: '{"query": "{ shop { id } }"}' })],
    ['a token with SQL in it', 'UNAUTHENTICATED', () => fetch(graphql(), { method: 'POST', headers: { ...json, authorization: "Bearer ' OR 1=1 --" }, body: '{"query": "{ shop { id } }"}' })],
  ];

  it.each(answeredWithCodedErrors)('%s: 200 with %s, no data', async (_name, code, send) => {
    const response = await send();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0]!.extensions.code).toBe(code);
  });

  it.each(requests)('%s', async (_name, send) => {
    const response = await send();
    const body = await response.text();
    expect(response.status, body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(response.status, body.slice(0, 300)).toBeLessThan(500);
    expect(body).not.toMatch(/at .+\.(ts|js):\d+|QueryFailedError|SELECT /);
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
  });
});
