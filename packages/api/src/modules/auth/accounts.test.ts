import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../../test-support/api-client.js';
import { addPerson, gqlWithCookie, signIn, TEST_PASSWORD } from '../../test-support/people.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const CALLER = `{ caller { kind role scope canImport canChangeSettings canManage canSeeCustomers person { email } } }`;
let shop: { shopId: string; token: string };
let ownerCookie: string;
let viewerCookie: string;

beforeAll(async () => {
  shop = await api.createShop({ name: 'Fern & Co' });
  await addPerson(db.dataSource, shop.shopId, 'owner@fern.test', 'owner');
  await addPerson(db.dataSource, shop.shopId, 'viewer@fern.test', 'viewer');
  ownerCookie = (await signIn(api.server.url, 'owner@fern.test')).cookie!;
  viewerCookie = (await signIn(api.server.url, 'viewer@fern.test')).cookie!;
});

describe('people', () => {
  it('sign in with the right password gives an HttpOnly, SameSite=Lax session cookie; a wrong one is refused', async () => {
    const response = await fetch(`${api.server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.server.url },
      body: JSON.stringify({ email: 'owner@fern.test', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.includes('session_token'))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure behind https (PUBLIC_URL)
    const wrong = await signIn(api.server.url, 'owner@fern.test', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.cookie).toBeNull();
  });

  it('a signed-in owner and viewer get their roles; no cookie is UNAUTHENTICATED', async () => {
    const owner = await gqlWithCookie(api.server.url, ownerCookie, CALLER);
    expect(owner.data?.caller).toEqual({
      kind: 'PERSON', role: 'OWNER', scope: null, canImport: true, canChangeSettings: true, canManage: true, canSeeCustomers: true, person: { email: 'owner@fern.test' },
    });
    const viewer = await gqlWithCookie(api.server.url, viewerCookie, CALLER);
    expect(viewer.data?.caller).toMatchObject({ kind: 'PERSON', role: 'VIEWER', canImport: false, canManage: false, canSeeCustomers: true });
    const nobody = await api.gql(CALLER);
    expect(nobody.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a viewer may not import, change settings or manage keys', async () => {
    const imported = await gqlWithCookie(api.server.url, viewerCookie, `mutation { importOrders(orders: []) { created } }`);
    expect(imported.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const settings = await gqlWithCookie(api.server.url, viewerCookie, `mutation { updateShopSettings(input: { name: "X" }) { name } }`);
    expect(settings.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const keys = await gqlWithCookie(api.server.url, viewerCookie, `{ apiKeys { id } }`);
    expect(keys.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sign out ends the session on the server: the old cookie no longer works', async () => {
    const session = (await signIn(api.server.url, 'viewer@fern.test')).cookie!;
    expect((await gqlWithCookie(api.server.url, session, CALLER)).data?.caller.kind).toBe('PERSON');
    const out = await fetch(`${api.server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie: session, origin: api.server.url, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);
    expect((await gqlWithCookie(api.server.url, session, CALLER)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('API keys', () => {
  it('created by the owner, shown once, listed by prefix with last use, revoked at once', async () => {
    const created = await gqlWithCookie<any>(api.server.url, ownerCookie, `mutation { createApiKey(input: { name: "Reports", scope: READ }) { key apiKey { id name scope prefix lastUsedAt createdBy } } }`);
    const { key, apiKey } = created.data.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ name: 'Reports', scope: 'READ', lastUsedAt: null, createdBy: 'owner' });
    const asKey = await api.gql(CALLER, {}, key);
    expect(asKey.data?.caller).toMatchObject({ kind: 'API_KEY', scope: 'READ', canImport: false, canSeeCustomers: true });
    const importWithRead = await api.gql(`mutation { importOrders(orders: []) { created } }`, {}, key);
    expect(importWithRead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await gqlWithCookie<any>(api.server.url, ownerCookie, `{ apiKeys { id prefix lastUsedAt } }`);
    const entry = listed.data.apiKeys.find((k: any) => k.id === apiKey.id);
    expect(entry.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.data)).not.toContain(key);
    await gqlWithCookie(api.server.url, ownerCookie, `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKey.id });
    expect((await api.gql(CALLER, {}, key)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("the shop's token from before accounts is an IMPORT key", async () => {
    const caller = await api.gql(CALLER, {}, shop.token);
    expect(caller.data?.caller).toMatchObject({ kind: 'API_KEY', scope: 'IMPORT', canImport: true, canManage: false });
  });
});

describe('shared links', () => {
  it('a link shows the dashboard but no customer list, with a password when set, and stops when revoked', async () => {
    const created = await gqlWithCookie<any>(api.server.url, ownerCookie, `mutation { createSharedLink(input: { name: "Accountant", password: "ledger-2026" }) { url sharedLink { id hasPassword } } }`);
    const { url, sharedLink } = created.data.createSharedLink;
    expect(sharedLink.hasPassword).toBe(true);
    const token = url.split('/shared/')[1];
    const described = await (await fetch(`${api.server.url}/api/shared-links/${token}`)).json();
    expect(described).toEqual({ shopName: 'Fern & Co', needsPassword: true });
    expect((await api.gql(CALLER, {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await fetch(`${api.server.url}/api/shared-links/${token}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'nope-nope' }) });
    expect(wrong.status).toBe(401);
    const unlocked = await fetch(`${api.server.url}/api/shared-links/${token}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'ledger-2026' }) });
    const { accessToken } = (await unlocked.json()) as { accessToken: string };
    const caller = await api.gql(CALLER, {}, accessToken);
    expect(caller.data?.caller).toMatchObject({ kind: 'SHARED_LINK', canSeeCustomers: false, canImport: false });
    for (const personal of [
      `{ shop { tiktokInsights { customers(first: 5) { totalCount edges { node { name } } } } } }`,
      `{ shop { tiktokInsights { crossover { customers(first: 5) { edges { node { customer { name } } } } } } } }`,
    ]) {
      const list = await api.gql(personal, {}, accessToken);
      expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(list.data)).not.toContain('"name"');
    }
    const exported = await fetch(`${api.server.url}/api/exports/tiktok-customers.csv`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(exported.status).toBe(403);
    const count = await api.gql(`{ shop { tiktokInsights { customers(first: 0) { totalCount } crossover { crossoverCustomers customers(first: 0) { totalCount } } } } }`, {}, accessToken);
    expect(count.errors).toBeUndefined();
    await gqlWithCookie(api.server.url, ownerCookie, `mutation ($id: ID!) { revokeSharedLink(id: $id) { id } }`, { id: sharedLink.id });
    expect((await api.gql(CALLER, {}, accessToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${api.server.url}/api/shared-links/${token}`)).status).toBe(404);
  });
});
