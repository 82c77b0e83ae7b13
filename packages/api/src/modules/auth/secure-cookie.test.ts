import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { addPerson, cookieHeader, gqlWithCookie, TEST_PASSWORD } from '../../test-support/people.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

const PUBLIC_URL = 'https://insights.example.test';
let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  // Behind a proxy that ends TLS: people open https://…, the server itself speaks http.
  api = await startTestApi(db.dataSource, { server: { publicUrl: PUBLIC_URL } });
  const { shopId } = await api.createShop({ name: 'Secure Supplies' });
  await addPerson(db.dataSource, shopId, 'owner@secure.test', 'owner');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

it('behind HTTPS (PUBLIC_URL https://…) the session cookie is Secure, and it signs the person in', async () => {
  const response = await fetch(`${api.server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PUBLIC_URL },
    body: JSON.stringify({ email: 'owner@secure.test', password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((cookie) => cookie.includes('session_token'))!;
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/HttpOnly/i);
  expect(session).toMatch(/SameSite=Lax/i);
  const me = await gqlWithCookie(api.server.url, cookieHeader(cookies), '{ caller { role } shop { name } }');
  expect(me.data).toEqual({ caller: { role: 'OWNER' }, shop: { name: 'Secure Supplies' } });
});

it("the server's own http address is not an origin people use then: a page there cannot sign in", async () => {
  const response = await fetch(`${api.server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://insights.example.test' },
    body: JSON.stringify({ email: 'owner@secure.test', password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(403);
});
