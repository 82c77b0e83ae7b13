/**
 * PostgreSQL cannot store NUL in text: a NUL character in any string input is BAD_USER_INPUT
 * naming its place, answered before any resolver runs, and nothing is written. (It used to reach
 * PostgreSQL and come back as "Internal server error.", SQLSTATE 22021.)
 */
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN, type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { shopChecksum } from '../../test-support/table-checksum.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { findNulInput } from './text-input.plugin.js';
import { parse } from 'graphql';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const NUL = '\u0000';
const counts = async () =>
  (await db.dataSource.query(`SELECT (SELECT count(*) FROM shop)::int AS shops, (SELECT count(*) FROM api_token)::int AS tokens`))[0];

function expectRefused(result: Awaited<ReturnType<TestApi['gql']>>, location: Record<string, unknown>) {
  expect(result.status).toBe(400);
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', ...location });
  expect(result.errors![0]!.message).toBe(`${location.inputPath} must not contain the NUL character (\\u0000).`);
}

describe('a NUL character in a string input', () => {
  it('createShop.name: as a variable or written in the query; no shop is created', async () => {
    const before = await counts();
    const create = `mutation ($input: CreateShopInput!) { createShop(input: $input) { token } }`;
    expectRefused(await api.gql(create, { input: { name: `Rosie${NUL}Lane`, timezone: 'America/Chicago' } }, TEST_ADMIN_TOKEN), {
      inputPath: 'input.name',
      field: 'name',
    });
    const inline = `mutation { createShop(input: { name: "Rosie\\u0000Lane", timezone: "America/Chicago" }) { token } }`;
    expectRefused(await api.gql(inline, {}, TEST_ADMIN_TOKEN), { inputPath: 'input.name', field: 'name' });
    expect(await counts()).toEqual(before);
  });

  it('createShopToken.label, also from a variable default; no token is issued', async () => {
    const { shopId } = await api.createShop();
    const before = await counts();
    const issue = `mutation ($shopId: ID!, $label: String) { createShopToken(shopId: $shopId, label: $label) { token } }`;
    expectRefused(await api.gql(issue, { shopId, label: `ops${NUL}` }, TEST_ADMIN_TOKEN), { inputPath: 'label', field: 'label' });
    const byDefault = `mutation ($shopId: ID!, $label: String = "ops\\u0000") { createShopToken(shopId: $shopId, label: $label) { token } }`;
    expectRefused(await api.gql(byDefault, { shopId }, TEST_ADMIN_TOKEN), { inputPath: 'label', field: 'label' });
    expect(await counts()).toEqual(before);
  });

  it('updateShopSettings name; the shop is unchanged', async () => {
    const { shopId, token } = await api.createShop({ name: 'Before' });
    const before = await shopChecksum(db.dataSource, shopId);
    const update = `mutation ($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { name } }`;
    expectRefused(await api.gql(update, { input: { name: `After${NUL}`, aovTargetCents: 1 } }, token), {
      inputPath: 'input.name',
      field: 'name',
    });
    expect(await shopChecksum(db.dataSource, shopId)).toEqual(before);
    expect((await api.gql(`{ shop { name aovTarget { cents } } }`, {}, token)).data!.shop).toEqual({ name: 'Before', aovTarget: { cents: 4000 } });
  });

  const ORDER_STRINGS: Array<[string, (order: ReturnType<typeof makeOrder>) => void]> = [
    ['externalId', (o) => (o.externalId += NUL)],
    ['customer.externalId', (o) => (o.customer.externalId += NUL)],
    ['customer.name', (o) => (o.customer.name += NUL)],
    ['customer.email', (o) => (o.customer.email = `a${NUL}@example.com`)],
    ['customer.address.line1', (o) => (o.customer.address.line1 += NUL)],
    ['customer.address.line2', (o) => (o.customer.address.line2 = `Apt${NUL}`)],
    ['customer.address.city', (o) => (o.customer.address.city += NUL)],
    ['customer.address.region', (o) => (o.customer.address.region += NUL)],
    ['customer.address.postalCode', (o) => (o.customer.address.postalCode += NUL)],
    ['customer.address.country', (o) => (o.customer.address.country += NUL)],
    ['lines[0].productExternalId', (o) => (o.lines[0]!.productExternalId += NUL)],
    ['lines[0].productName', (o) => (o.lines[0]!.productName += NUL)],
    ['lines[0].sku', (o) => (o.lines[0]!.sku = `S${NUL}`)],
    ['placedAt', (o) => (o.placedAt += NUL)],
  ];

  it.each(ORDER_STRINGS)('importOrders orders[1].%s; nothing is imported', async (field, spoil) => {
    const { shopId, token } = await api.createShop();
    const before = await shopChecksum(db.dataSource, shopId);
    const bad = makeOrder({ channel: 'WEBSITE' });
    spoil(bad);
    expectRefused(await api.gql(IMPORT_MUTATION, { orders: [makeOrder(), bad] }, token), {
      inputPath: `orders[1].${field}`,
      orderIndex: 1,
      field,
    });
    expect(await shopChecksum(db.dataSource, shopId)).toEqual(before);
  });

  it('is found in lists, objects and variables nested in literals, and nowhere else', () => {
    const document = parse(`query ($a: String, $b: [String]) { x(list: ["ok", $a], object: { deep: [{ s: $b }] }) }`);
    expect(findNulInput(document, { a: 'fine', b: ['ok', 'no\u0000'] })).toBe('object.deep[0].s[1]');
    expect(findNulInput(document, { a: `x${NUL}`, b: [] })).toBe('list[1]');
    expect(findNulInput(document, { a: 'fine', b: ['ok'] })).toBeNull();
  });
});

describe('a deeply nested variable', () => {
  it('is walked without exhausting the stack, and a NUL at the bottom is named', () => {
    let deep: unknown = `x${NUL}`;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const path = findNulInput(parse('query ($v: String) { x(v: $v) }'), { v: deep });
    expect(path).toBe(`v${'.a'.repeat(100_000)}`);
  });
});
