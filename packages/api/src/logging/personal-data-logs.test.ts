/**
 * Secrets and personal data stay out of the logs. The API runs with a logger whose destination
 * the test holds, through a whole session: shop and token creation, imports with names,
 * addresses and emails, an invalid import, dashboard reads, CSV exports, refused requests and
 * an unexpected database error whose PostgreSQL message quotes a customer's name. Not one
 * customer name, address line, email or token may appear in what was logged. Also: tokens are
 * stored hashed, the admin token is compared in constant time, and a revoked token fails at once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, generateShopToken, hashToken, secretsEqual } from '../platform/access/tokens.js';
import { createLogger } from '../platform/logging/logger.js';
import type { OrderData } from '../modules/orders/order-input.js';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
const lines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('debug', { write: (chunk: string) => void lines.push(chunk) });
  api = await startTestApi(db.dataSource, { logger });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

interface Person {
  name: string;
  line1: string;
  line2: string;
  email: string;
}

const people: Person[] = Array.from({ length: 6 }, (_, i) => ({
  name: `Philippa Quartermaine-${i}`,
  line1: `${740 + i} Wisteria Crescent`,
  line2: `Penthouse ${i}B`,
  email: `philippa.q${i}@private-mail.example`,
}));

function orderOf(person: Person, i: number, channel: OrderData['channel']): OrderData {
  return makeOrder({
    externalId: `log-${channel}-${i}`,
    channel,
    placedAt: `2025-05-0${1 + (i % 9)}T12:00:00-05:00`,
    customer: {
      externalId: `${channel === 'TIKTOK' ? 'tt' : 'cus'}-log-${i}`,
      name: person.name,
      email: channel === 'TIKTOK' ? null : person.email,
      address: { line1: person.line1, line2: person.line2, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' },
    },
  });
}

describe('the logs of a whole session', () => {
  const secrets: string[] = [TEST_ADMIN_TOKEN];

  it('hold no customer name, address line, email or token', async () => {
    // Shops and tokens.
    const created = await api.gql(
      `mutation { createShop(input: { name: "Log Boutique", timezone: "America/Chicago" }) { shop { id } token tokenId } }`,
      {},
      TEST_ADMIN_TOKEN,
    );
    const { token, tokenId } = created.data!.createShop;
    const shopId: string = created.data!.createShop.shop.id;
    const issued = await api.gql(`mutation ($shopId: ID!) { createShopToken(shopId: $shopId, label: "ops") { token tokenId } }`, { shopId }, TEST_ADMIN_TOKEN);
    const second: string = issued.data!.createShopToken.token;
    secrets.push(token, second);

    // Imports with names, addresses and emails; an update; a resend; an invalid import.
    const orders = people.flatMap((person, i) => [orderOf(person, i, 'TIKTOK'), orderOf(person, i, 'WEBSITE')]);
    expect((await api.gql(IMPORT_MUTATION, { orders }, token)).errors).toBeUndefined();
    expect((await api.gql(IMPORT_MUTATION, { orders: orders.map((o) => ({ ...o, status: 'SHIPPED' })) }, second)).errors).toBeUndefined();
    expect((await api.gql(IMPORT_MUTATION, { orders }, token)).errors).toBeUndefined();
    const invalid = await api.gql(
      IMPORT_MUTATION,
      { orders: [{ ...orders[1]!, customer: { ...orders[1]!.customer, email: `${people[1]!.name} <${people[1]!.email}>` } }] },
      token,
    );
    expect(invalid.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const coercion = await api.gql(IMPORT_MUTATION, { orders: [{ ...orders[0]!, channel: people[0]!.name }] }, token);
    expect(coercion.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');

    // Dashboard reads and CSV exports.
    const dashboard = await api.gql(FULL_DASHBOARD_QUERY, { asOf: '2025-05-31', customersFirst: 500, crossoverFirst: 500 }, token);
    expect(dashboard.errors).toBeUndefined();
    expect(JSON.stringify(dashboard.data)).toContain(people[0]!.name);
    for (const path of ['tiktok-customers.csv?asOf=2025-05-31', 'crossover-customers.csv?asOf=2025-05-31']) {
      const response = await fetch(`${api.server.url}/api/exports/${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const csv = await response.text();
      if (path.startsWith('tiktok')) expect(csv).toContain(people[2]!.line1);
    }

    // Refused requests: unknown tokens, the admin token reading data, a shop token doing admin
    // work, parse and validation failures, a limit.
    const wrongToken = generateShopToken();
    secrets.push(wrongToken);
    expect((await api.gql(`{ shop { name } }`, {}, wrongToken)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(`{ shop { name } }`, {}, TEST_ADMIN_TOKEN)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(`mutation { createShopToken(shopId: "${shopId}") { token } }`, {}, token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(`{ shop { name `, {}, token)).errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await api.gql(`{ shop { nme } }`, {}, token)).errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await api.gql(`{ shop { tiktokInsights { customers(first: 501) { totalCount } } } }`, {}, token)).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const refusedExport = await fetch(`${api.server.url}/api/exports/tiktok-customers.csv`, { headers: { authorization: `Bearer ${wrongToken}` } });
    expect(refusedExport.status).toBe(401);

    // An unexpected error whose PostgreSQL message quotes the customer's name (a trigger stands
    // in for any statement failing on a value): INTERNAL_SERVER_ERROR, logged without the text.
    await db.dataSource.query(`
      CREATE FUNCTION refuse_customer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'cannot store customer % at %', NEW.name, NEW.line1; END $$`);
    await db.dataSource.query(`CREATE TRIGGER refuse_customer BEFORE INSERT ON customer FOR EACH ROW EXECUTE FUNCTION refuse_customer()`);
    try {
      const stranger = orderOf({ name: 'Bartholomew Fennimore-Stroud', line1: '9 Larkspur Mews', line2: 'Flat 3', email: 'b.fs@private-mail.example' }, 9, 'TIKTOK');
      people.push({ name: 'Bartholomew Fennimore-Stroud', line1: '9 Larkspur Mews', line2: 'Flat 3', email: 'b.fs@private-mail.example' });
      const failed = await api.gql(IMPORT_MUTATION, { orders: [stranger] }, token);
      expect(failed.errors![0]).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(failed)).not.toContain('Bartholomew');
    } finally {
      await db.dataSource.query(`DROP TRIGGER refuse_customer ON customer; DROP FUNCTION refuse_customer()`);
    }

    // Revoke the second token: it fails from the next request on, the first still works.
    const revoked = await api.gql(`mutation ($shopId: ID!, $tokenId: ID!) { revokeShopToken(shopId: $shopId, tokenId: $tokenId) }`, { shopId, tokenId: issued.data!.createShopToken.tokenId }, TEST_ADMIN_TOKEN);
    expect(revoked.data!.revokeShopToken).toBe(true);
    expect((await api.gql(`{ shop { id } }`, {}, second)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(`{ shop { id } }`, {}, token)).data!.shop.id).toBe(shopId);
    expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);

    // What was logged: one JSON object a line, and something of every step.
    const log = lines.join('');
    const entries = log.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    const messages = new Set(entries.map((entry) => entry.msg));
    for (const expected of ['shop created', 'shop token created', 'orders imported', 'graphql request', 'csv export', 'unexpected error while answering a GraphQL request', 'shop token revoke']) {
      expect(messages, `a "${expected}" line`).toContain(expected);
    }
    const unexpected = entries.find((entry) => entry.msg === 'unexpected error while answering a GraphQL request')!;
    expect(unexpected.err).toMatchObject({ code: 'P0001', routine: expect.any(String) });

    const forbidden = [
      ...people.flatMap((person) => [person.name, person.line1, person.line2, person.email]),
      ...people.map((person) => person.name.split(' ')[1]!),
      ...secrets,
    ];
    for (const secret of forbidden) expect(log.includes(secret), `"${secret}" in the logs`).toBe(false);
    // Not even a token's hash or the base64 of a name.
    for (const secret of secrets) expect(log).not.toContain(hashToken(secret).toString('hex'));
    expect(log).not.toContain(Buffer.from(people[0]!.name).toString('base64'));
    console.log(`logs: ${entries.length} lines checked for ${forbidden.length} names, addresses, emails and tokens`);
  });
});

describe('tokens at rest and the admin token', () => {
  it('stores shop tokens as SHA-256 hashes only', async () => {
    const { shopId, token } = await api.createShop();
    const rows: Array<{ token_hash: Buffer; label: string }> = await db.dataSource.query(`SELECT token_hash, label FROM api_token WHERE shop_id = $1`, [shopId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM api_token t WHERE t::text LIKE '%' || $1 || '%' OR t::text LIKE '%' || $2 || '%'`,
      [token, Buffer.from(token).toString('hex')],
    );
    expect(n).toBe(0);
  });

  it('compares the admin token in time independent of where it differs', () => {
    // secretsEqual compares fixed-length SHA-256 digests with timingSafeEqual: the same work for
    // a token right but for its last character, wrong from the first, or of another length.
    const admin = TEST_ADMIN_TOKEN;
    expect(secretsEqual(admin, admin)).toBe(true);
    for (const guess of [`${admin.slice(0, -1)}x`, `x${admin.slice(1)}`, admin.slice(0, 5), `${admin}x`, '']) {
      expect(secretsEqual(guess, admin)).toBe(false);
    }
    const time = (guess: string) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) secretsEqual(guess, admin);
      return Number(process.hrtime.bigint() - started);
    };
    time(admin); // warm up
    const fastest = (guess: string) => Math.min(...Array.from({ length: 5 }, () => time(guess)));
    const nearlyRight = fastest(`${admin.slice(0, -1)}x`);
    const wrongAtOnce = fastest(`x${admin.slice(1)}`);
    // A loose bound: an early-exit comparison would be far apart only over many more samples, so
    // this guards against a gross regression (e.g. a plain === on long tokens), not a side channel.
    expect(nearlyRight / wrongAtOnce).toBeGreaterThan(0.25);
    expect(nearlyRight / wrongAtOnce).toBeLessThan(4);
  });

  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc  ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
