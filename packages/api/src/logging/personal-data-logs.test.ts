/**
 * Secrets and personal data stay out of the logs. The API runs with a logger whose destination
 * the test holds, through a whole session: shop and token creation, imports with names,
 * addresses and emails, an invalid import, dashboard reads, CSV exports, refused requests and
 * an unexpected database error whose PostgreSQL message quotes a customer's name. Not one
 * customer name, address line, email or token may appear in what was logged. Also: tokens are
 * stored hashed, the admin token is compared in constant time, and a revoked token fails at once.
 * The accounts log nothing personal either: sign-in (right and wrong passwords, up to the wait),
 * sign-up through an invitation, API keys and shared links made, used and revoked, a shared link
 * unlocked: no email address, name, password, key, link token, grant or session cookie.
 */
import { INVITATION_HEADER } from '@tiktok-insights/shared';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, generateShopToken, hashToken, secretsEqual } from '../platform/access/tokens.js';
import { createLogger } from '../platform/logging/logger.js';
import type { OrderData } from '../modules/orders/order-input.js';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { insertMember, insertPerson } from '../modules/auth/people.js';
import { onPrimaryTransaction } from '../platform/database/replication.js';
import { authCall, gqlWithCookie, signIn } from '../test-support/people.js';

let db: TestDatabase;
let api: TestApi;
const lines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('debug', { write: (chunk: string) => void lines.push(chunk) });
  // Few wrong passwords before the wait, so that the wait is logged too.
  api = await startTestApi(db.dataSource, { logger, server: { signInLimits: { perAccount: 3, perAddress: 50, windowMs: 60_000 } } });
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

describe('the logs of accounts', () => {
  const owner = { name: 'Octavia Lindqvist-Ferreira', email: 'octavia.lf@private-mail.example', password: 'Octavia owner passphrase 1' };
  const invitee = { name: 'Barnaby Quill-Ostrowski', email: 'barnaby.qo@private-mail.example', password: 'Barnaby invitee passphrase 2' };
  const stranger = { name: 'Ingrid Vasquez-Holloway', email: 'ingrid.vh@private-mail.example', password: 'Ingrid stranger passphrase 3' };
  const wrongPassword = 'Octavia-wrong-guess-77';
  const linkPassword = 'Ledger-of-Octavia-2025';
  const secrets: string[] = [];

  /** A session cookie's value and the session token inside it. */
  function cookieSecrets(cookie: string): string[] {
    const value = cookie.split(';').map((part) => part.trim()).find((part) => part.includes('session_token='))!.split('=')[1]!;
    return [value, decodeURIComponent(value), decodeURIComponent(value).split('.')[0]!];
  }

  it('hold no email address, name, password, key, shared-link token, grant or session cookie', async () => {
    const { shopId } = await api.createShop({ name: 'Accounts Log Boutique' });
    await onPrimaryTransaction(db.dataSource, async (tx) => insertMember(tx, shopId, await insertPerson(tx, owner), 'owner'));
    const from = lines.length;

    // Sign-in: the right password, wrong ones up to the wait, an unknown account.
    const signedIn = await signIn(api.server.url, owner.email, owner.password);
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.cookie!;
    secrets.push(...cookieSecrets(cookie));
    const refusals = [];
    for (let i = 0; i < 4; i++) refusals.push((await signIn(api.server.url, owner.email, wrongPassword)).status);
    expect(refusals).toEqual([401, 401, 401, 429]);
    expect((await signIn(api.server.url, stranger.email, stranger.password)).status).toBe(401);
    // A password reset asked for without a mail server.
    expect((await authCall(api.server.url, '/request-password-reset', null, { email: owner.email, redirectTo: '/reset-password' })).status).toBe(200);
    const caller = await gqlWithCookie(api.server.url, cookie, `{ caller { person { name email } } }`);
    expect(caller.data?.caller.person).toEqual({ name: owner.name, email: owner.email });

    // Sign-up: refused without an invitation; through one, then accepted.
    const noInvitation = await authCall(api.server.url, '/sign-up/email', null, stranger);
    expect(noInvitation.status).toBe(403);
    const invited = await authCall(api.server.url, '/organization/invite-member', cookie, { email: invitee.email, role: 'viewer' });
    expect(invited.status).toBe(200);
    const signedUp = await authCall(api.server.url, '/sign-up/email', null, invitee, { [INVITATION_HEADER]: invited.body.id });
    expect(signedUp.status).toBe(200);
    secrets.push(...cookieSecrets(signedUp.cookie!));
    expect((await authCall(api.server.url, '/organization/accept-invitation', signedUp.cookie, { invitationId: invited.body.id })).status).toBe(200);
    expect((await gqlWithCookie(api.server.url, signedUp.cookie!, `{ caller { role } }`)).data?.caller.role).toBe('VIEWER');

    // An API key: made, used, revoked, refused.
    const created = await gqlWithCookie<any>(api.server.url, cookie, `mutation { createApiKey(input: { name: "Octavia's reports", scope: READ }) { key apiKey { id } } }`);
    const key: string = created.data.createApiKey.key;
    secrets.push(key);
    expect((await api.gql(`{ shop { id } }`, {}, key)).data?.shop.id).toBe(shopId);
    const revokedKey = await gqlWithCookie(api.server.url, cookie, `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: created.data.createApiKey.apiKey.id });
    expect(revokedKey.errors).toBeUndefined();
    expect((await api.gql(`{ shop { id } }`, {}, key)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Shared links: one with a password (a wrong and the right password), one without; used, revoked, refused.
    const locked = await gqlWithCookie<any>(api.server.url, cookie, `mutation ($password: String) { createSharedLink(input: { name: "Octavia's accountant", password: $password }) { url sharedLink { id } } }`, {
      password: linkPassword,
    });
    const open = await gqlWithCookie<any>(api.server.url, cookie, `mutation { createSharedLink(input: { name: "Octavia's partner" }) { url sharedLink { id } } }`);
    const lockedToken: string = locked.data.createSharedLink.url.split('/shared/')[1];
    const openToken: string = open.data.createSharedLink.url.split('/shared/')[1];
    secrets.push(lockedToken, openToken);
    expect((await fetch(`${api.server.url}/api/shared-links/${lockedToken}`)).status).toBe(200);
    const unlockWith = (password: string) =>
      fetch(`${api.server.url}/api/shared-links/${lockedToken}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
    expect((await unlockWith(wrongPassword)).status).toBe(401);
    const unlocked = await unlockWith(linkPassword);
    expect(unlocked.status).toBe(200);
    const grant = ((await unlocked.json()) as { accessToken: string }).accessToken;
    secrets.push(grant);
    for (const visitor of [grant, openToken]) expect((await api.gql(`{ shop { id } }`, {}, visitor)).data?.shop.id).toBe(shopId);
    for (const link of [locked, open]) {
      const revoked = await gqlWithCookie(api.server.url, cookie, `mutation ($id: ID!) { revokeSharedLink(id: $id) { id } }`, { id: link.data.createSharedLink.sharedLink.id });
      expect(revoked.errors).toBeUndefined();
    }
    for (const visitor of [grant, openToken]) expect((await api.gql(`{ shop { id } }`, {}, visitor)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${api.server.url}/api/shared-links/${openToken}`)).status).toBe(404);

    // Sign-out.
    const out = await fetch(`${api.server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: api.server.url, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);

    // What these steps logged.
    const log = lines.slice(from).join('');
    const entries = log.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    const messages = new Set(entries.map((entry) => entry.msg));
    for (const expected of ['sign-in throttled', 'graphql request', 'api key created', 'api key revoked', 'shared link created', 'shared link revoked']) {
      expect(messages, `a "${expected}" line`).toContain(expected);
    }
    const sessionTokens: Array<{ token: string }> = await db.dataSource.query(`SELECT token FROM user_session`);
    const forbidden = [
      ...[owner, invitee, stranger].flatMap((person) => [person.name, person.email, person.password, person.name.split(' ')[1]!, person.email.split('@')[0]!]),
      wrongPassword,
      linkPassword,
      ...secrets,
      ...sessionTokens.map((row) => row.token),
    ];
    for (const secret of forbidden) expect(log.includes(secret), `"${secret}" in the logs`).toBe(false);
    for (const secret of [key, lockedToken, openToken]) expect(log).not.toContain(hashToken(secret).toString('hex'));
    // No email address of anyone, in any spelling the logs could hold.
    expect(log.match(/[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g) ?? []).toEqual([]);
    // The whole file's log too: the accounts' secrets never appear in it.
    const whole = lines.join('');
    for (const secret of forbidden) expect(whole.includes(secret), `"${secret}" in the logs`).toBe(false);
    console.log(`account logs: ${entries.length} lines checked for ${forbidden.length} emails, names, passwords, keys, links, grants and sessions`);
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
