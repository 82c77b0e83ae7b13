import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { addPerson, gqlWithCookie, signIn, TEST_PASSWORD } from '../../test-support/people.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
let shopId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  // Behind a proxy, as a deployment is: X-Forwarded-For names the client.
  api = await startTestApi(db.dataSource, { server: { trustProxy: true } });
  ({ shopId } = await api.createShop({ name: 'Guarded Goods' }));
  await addPerson(db.dataSource, shopId, 'owner@guarded.test', 'owner');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const from = (address: string) => ({ 'x-forwarded-for': address });

it('200 wrong passwords from one address: at most 10 are checked, then a wait; the owner still signs in from their own address', async () => {
  const attacker = from('203.0.113.5');
  const answers: number[] = [];
  // In bursts of 20 at once, as a script would send them.
  for (let burst = 0; burst < 10; burst++) {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(api.server.url, 'owner@guarded.test', `guess-${burst}-${i}`, attacker)));
    answers.push(...results.map((r) => r.status));
  }
  expect(answers).toHaveLength(200);
  expect(answers.filter((s) => s === 401)).toHaveLength(10);
  expect(answers.filter((s) => s === 429)).toHaveLength(190);
  expect(answers.some((s) => s === 200)).toBe(false);

  const refused = await signIn(api.server.url, 'owner@guarded.test', TEST_PASSWORD, attacker);
  expect(refused.status).toBe(429);
  expect(refused.cookie).toBeNull();
  expect(Number(refused.retryAfter)).toBeGreaterThan(60);
  expect(refused.body.message).toMatch(/Try again in \d+ minutes/);

  const owner = await signIn(api.server.url, 'owner@guarded.test', TEST_PASSWORD, from('198.51.100.7'));
  expect(owner.status).toBe(200);
  expect((await gqlWithCookie(api.server.url, owner.cookie!, '{ shop { name } }')).data).toEqual({ shop: { name: 'Guarded Goods' } });
});

it('one address trying many accounts is stopped after 50 wrong passwords', async () => {
  const sprayer = from('192.0.2.44');
  const answers: number[] = [];
  for (let i = 0; i < 60; i++) answers.push((await signIn(api.server.url, `someone-${i}@guarded.test`, 'password123', sprayer)).status);
  expect(answers.slice(0, 50).every((s) => s === 401)).toBe(true);
  expect(answers.slice(50).every((s) => s === 429)).toBe(true);
});

it('a right password gives its attempt back: signing in again and again never waits', async () => {
  const home = from('198.51.100.8');
  for (let i = 0; i < 15; i++) expect((await signIn(api.server.url, 'owner@guarded.test', TEST_PASSWORD, home)).status).toBe(200);
});
