/**
 * Who may do what (spec section 9), as a matrix: every kind of caller of shop A against every root
 * field of the schema and every route of shop data. Callers: its owner, an admin and a viewer
 * (signed in), a READ and an IMPORT API key, shared-link visitors (with and without a password), a
 * person of another shop B, no one, and credentials that no longer count (a revoked key, revoked
 * and expired links, a password link's bare token, a removed member), and the admin token.
 *
 * Each cell's expected outcome follows from what the caller may do (CALLERS) and what the operation
 * needs (OPERATIONS), never from the server's own tables:
 * - allowed: data, and the data of A exactly as A's own shop token reads it; a write really happened;
 * - the person of B: B's own data (nothing of A), or NOT_FOUND for an id of A's;
 * - refused: exactly one FORBIDDEN or UNAUTHENTICATED (HTTP 403/401 on the routes) with no data, and
 *   for a write, not one row of either shop changed.
 *
 * The root fields come from introspection: a new field fails the coverage test until an operation
 * here calls it. So does a new field that returns a customer or a person, until an operation
 * that needs the right to see customers selects it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderData } from '../modules/orders/order-input.js';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../test-support/api-client.js';
import { templateCsv } from '../test-support/order-file-csv.js';
import { importsClient } from '../test-support/order-file-uploads.js';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { addPerson, authCall, gqlWithCookie, signIn } from '../test-support/people.js';
import { shopChecksum } from '../test-support/table-checksum.js';
import { selectedCoordinates } from '../test-support/schema-coordinates.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';

// ---------------------------------------------------------------------------------------------
// Callers
// ---------------------------------------------------------------------------------------------

/** What an operation needs; the members of A have a list of these. */
type Capability =
  | 'anyone'
  /** `caller`: who is calling. */
  | 'identity'
  /** Dashboards, and the counts of the customer lists. */
  | 'read'
  /** Customers' names and addresses: the two lists and their CSV exports. */
  | 'customers'
  /** The shop's upload history (who uploaded which file): the shop's people and keys, no shared link. */
  | 'importHistory'
  | 'import'
  /** The shop's settings and its TikTok connection. */
  | 'settings'
  /** API keys and shared links. */
  | 'team'
  /** Shops and their tokens: the admin token alone. */
  | 'admin';

type Refusal = 'UNAUTHENTICATED' | 'FORBIDDEN';
type Expected = 'data' | 'own' | Refusal | 'NOT_FOUND';
type ShopKey = 'A' | 'B';

interface Credentials {
  bearer?: string;
  cookie?: string;
}

/** `caller`'s answer for one who may call it. */
interface Identity {
  kind: 'PERSON' | 'API_KEY' | 'SHARED_LINK';
  role: 'OWNER' | 'ADMIN' | 'VIEWER' | null;
  scope: 'READ' | 'IMPORT' | null;
  email: string | null;
}

interface CallerSpec {
  name: string;
  /** What the caller is to shop A. */
  is:
    | { kind: 'member'; may: readonly Capability[]; identity: Identity }
    | { kind: 'otherShop'; identity: Identity }
    | { kind: 'adminToken' }
    | { kind: 'refused'; code: Refusal };
  credentials(): Credentials;
}

const READER: Capability[] = ['identity', 'read', 'customers', 'importHistory'];
const MANAGER: Capability[] = [...READER, 'import', 'settings', 'team'];
const VISITOR: Capability[] = ['identity', 'read'];

const EMAIL = { owner: 'avery-owner@a-shop.example', admin: 'avery-admin@a-shop.example', viewer: 'avery-viewer@a-shop.example', removed: 'avery-removed@a-shop.example', other: 'zqx-owner@b-shop.example' };

/** Filled in by beforeAll: the credentials of each caller. */
const credentials = {} as {
  owner: string;
  admin: string;
  viewer: string;
  other: string;
  removed: string;
  readKey: string;
  importKey: string;
  revokedKey: string;
  link: string;
  grant: string;
  lockedLink: string;
  revokedLink: string;
  expiredLink: string;
};

const person = (role: Identity['role'], email: string): Identity => ({ kind: 'PERSON', role, scope: null, email });
const LINK: Identity = { kind: 'SHARED_LINK', role: null, scope: null, email: null };

const CALLERS: CallerSpec[] = [
  { name: 'owner', is: { kind: 'member', may: MANAGER, identity: person('OWNER', EMAIL.owner) }, credentials: () => ({ cookie: credentials.owner }) },
  { name: 'admin', is: { kind: 'member', may: MANAGER, identity: person('ADMIN', EMAIL.admin) }, credentials: () => ({ cookie: credentials.admin }) },
  { name: 'viewer', is: { kind: 'member', may: READER, identity: person('VIEWER', EMAIL.viewer) }, credentials: () => ({ cookie: credentials.viewer }) },
  {
    name: 'READ API key',
    is: { kind: 'member', may: READER, identity: { kind: 'API_KEY', role: null, scope: 'READ', email: null } },
    credentials: () => ({ bearer: credentials.readKey }),
  },
  {
    name: 'IMPORT API key',
    // Shop tokens from before accounts are IMPORT keys: they keep the settings and the TikTok connection.
    is: { kind: 'member', may: [...READER, 'import', 'settings'], identity: { kind: 'API_KEY', role: null, scope: 'IMPORT', email: null } },
    credentials: () => ({ bearer: credentials.importKey }),
  },
  { name: 'shared link', is: { kind: 'member', may: VISITOR, identity: LINK }, credentials: () => ({ bearer: credentials.link }) },
  { name: 'shared link with a password, unlocked', is: { kind: 'member', may: VISITOR, identity: LINK }, credentials: () => ({ bearer: credentials.grant }) },
  { name: 'owner of another shop', is: { kind: 'otherShop', identity: person('OWNER', EMAIL.other) }, credentials: () => ({ cookie: credentials.other }) },
  { name: 'anonymous', is: { kind: 'refused', code: 'UNAUTHENTICATED' }, credentials: () => ({}) },
  { name: 'revoked API key', is: { kind: 'refused', code: 'UNAUTHENTICATED' }, credentials: () => ({ bearer: credentials.revokedKey }) },
  { name: 'revoked shared link', is: { kind: 'refused', code: 'UNAUTHENTICATED' }, credentials: () => ({ bearer: credentials.revokedLink }) },
  { name: 'expired shared link', is: { kind: 'refused', code: 'UNAUTHENTICATED' }, credentials: () => ({ bearer: credentials.expiredLink }) },
  { name: "password link's token without its password", is: { kind: 'refused', code: 'UNAUTHENTICATED' }, credentials: () => ({ bearer: credentials.lockedLink }) },
  { name: 'member removed from the shop', is: { kind: 'refused', code: 'FORBIDDEN' }, credentials: () => ({ cookie: credentials.removed }) },
  { name: 'ADMIN_TOKEN', is: { kind: 'adminToken' }, credentials: () => ({ bearer: TEST_ADMIN_TOKEN }) },
];

// ---------------------------------------------------------------------------------------------
// The two shops
// ---------------------------------------------------------------------------------------------

let db: TestDatabase;
let api: TestApi;
let importDir: string;
const shops = {} as Record<ShopKey, { shopId: string; token: string }>;
/** An import job of each shop (uploaded with its token). */
const jobs = {} as Record<ShopKey, string>;
/** Everything of a shop that is text carries its marker; neither may reach the other's callers. */
const MARKER: Record<ShopKey, string> = { A: 'Avery', B: 'Zqx' };
const SHOP_NAME: Record<ShopKey, string> = { A: 'Avery Boutique', B: 'Zqx Boutique' };
const AS_OF = '2025-03-31';
const other = (shop: ShopKey): ShopKey => (shop === 'A' ? 'B' : 'A');

/** Three TikTok buyers; two of them later buy in the store at their address (crossover customers). */
function ordersOf(shop: ShopKey): OrderData[] {
  const address = (k: number) => ({ line1: `${k}10 ${MARKER[shop]} Lane`, line2: null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' });
  const tiktok = [1, 2, 3].map((k) =>
    makeOrder({
      externalId: `o-${k}`,
      channel: 'TIKTOK',
      placedAt: `2025-03-0${k}T12:00:00-06:00`,
      customer: { externalId: `tt-${k}`, name: `${MARKER[shop]} Buyer ${k}`, email: null, address: address(k) },
      lines: [{ productExternalId: `p-${k}`, productName: `${MARKER[shop]} Shirt ${k}`, sku: `${MARKER[shop]}-${k}`, quantity: k, unitPriceCents: 1500 + 100 * k }],
    }),
  );
  const store = [1, 2].map((k) =>
    makeOrder({
      externalId: `s-${k}`,
      channel: 'WEBSITE',
      placedAt: `2025-03-1${k}T10:00:00-05:00`,
      status: 'DELIVERED',
      customer: { externalId: `cus-${k}`, name: `${MARKER[shop]} Client ${k}`, email: `${MARKER[shop].toLowerCase()}${k}@mail.example`, address: address(k) },
    }),
  );
  return [...tiktok, ...store];
}

/** Strings of A's customers that a caller without `customers` may never get. */
const PERSONAL_OF_A = ['Avery Buyer', 'Avery Client', 'Avery Lane', 'avery1@mail.example'];

let sequence = 0;
/** A new order for the shop, with its marker in every name. */
function newOrder(shop: ShopKey): OrderData {
  sequence += 1;
  return makeOrder({
    externalId: `matrix-${sequence}`,
    channel: 'TIKTOK',
    placedAt: '2025-03-20T12:00:00-05:00',
    customer: { externalId: `tt-matrix-${sequence}`, name: `${MARKER[shop]} Newcomer ${sequence}`, email: null, address: { line1: `${sequence} ${MARKER[shop]} Road` } },
    lines: [{ productExternalId: 'p-1', productName: `${MARKER[shop]} Shirt 1`, sku: `${MARKER[shop]}-1`, quantity: 1, unitPriceCents: 2000 }],
  });
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  /** GraphQL: every error's code; a route: its error's code. */
  codes: string[];
  /** GraphQL's `data`; a route's JSON body, or its text (a CSV file). */
  data: any;
  /** The whole answer as sent, to search for what must not be there. */
  raw: string;
  kind: 'graphql' | 'route';
}

const headersOf = (who: Credentials): Record<string, string> => ({
  ...(who.bearer ? { authorization: `Bearer ${who.bearer}` } : {}),
  ...(who.cookie ? { cookie: who.cookie } : {}),
});

async function gqlAs(who: Credentials, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headersOf(who) },
    body: JSON.stringify({ query, variables }),
  });
  const raw = await response.text();
  const body = JSON.parse(raw) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, codes: (body.errors ?? []).map((e) => String(e.extensions?.code)), data: body.data ?? null, raw, kind: 'graphql' };
}

async function httpAs(who: Credentials, method: 'GET' | 'POST', path: string, body?: { type: string; text: string }): Promise<Answer> {
  const response = await fetch(`${api.server.url}${path}`, {
    method,
    headers: {
      ...headersOf(who),
      // Our pages send it with a cookie's writes (app/http/caller.ts).
      ...(method === 'POST' && who.cookie ? { 'x-requested-with': 'XMLHttpRequest' } : {}),
      ...(body ? { 'content-type': body.type } : {}),
    },
    body: body?.text,
  });
  const raw = Buffer.from(await response.arrayBuffer()).toString('utf8');
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  const data = isJson ? JSON.parse(raw) : raw;
  const codes = isJson && Array.isArray(data?.errors) ? data.errors.map((e: { extensions?: { code?: string } }) => String(e.extensions?.code)) : [];
  return { status: response.status, codes, data, raw, kind: 'route' };
}

const shopToken = (shop: ShopKey): Credentials => ({ bearer: shops[shop].token });
const ownerOf = (shop: ShopKey): Credentials => ({ cookie: shop === 'A' ? credentials.owner : credentials.other });

async function gqlData(who: Credentials, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const answer = await gqlAs(who, query, variables);
  expect(answer.codes, `${query}: ${answer.raw}`).toEqual([]);
  return answer.data;
}

/** The shop a credential reads, or the code it is refused with. */
async function shopOf(credential: string): Promise<string> {
  const answer = await gqlAs({ bearer: credential }, `{ shop { id } }`);
  return answer.data?.shop?.id ?? answer.codes[0]!;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

interface CallContext {
  caller: CallerSpec;
  /** The shop the call lands in when allowed: A, or B for the person of B. */
  target: ShopKey;
  /** What `prepare` made. */
  made: Record<string, string>;
}

interface Operation {
  name: string;
  needs: Capability;
  /** What the person of shop B gets: their own shop's answer, or NOT_FOUND for an id of A's. */
  ofOtherShop: 'own' | 'NOT_FOUND';
  /** The GraphQL operation (its root fields are what it covers); none for a route. */
  graphql?: string;
  writes: boolean;
  prepare?(target: ShopKey): Promise<Record<string, string>>;
  call(who: Credentials, context: CallContext): Promise<Answer>;
  /** An allowed call: its answer is the target shop's, and its write happened there. */
  verify(answer: Answer, context: CallContext): Promise<void>;
  /** A refused call: what it tried to end still works. */
  stillThere?(context: CallContext): Promise<void>;
  cleanup?(context: CallContext): Promise<void>;
}

/** A read: allowed, its answer is exactly what the target shop's own token reads. */
function readOperation(name: string, needs: Capability, graphql: string, check?: (data: any, target: ShopKey) => void): Operation {
  return {
    name,
    needs,
    ofOtherShop: 'own',
    graphql,
    writes: false,
    call: (who) => gqlAs(who, graphql, { asOf: AS_OF }),
    async verify(answer, { target }) {
      expect(answer.data).toEqual(await gqlData(shopToken(target), graphql, { asOf: AS_OF }));
      check?.(answer.data, target);
    },
  };
}

const CUSTOMER = `{ id tiktokCustomerId name firstOrderAt lastOrderAt orders netReceipts { cents } address { line1 line2 city region postalCode country } }`;
const API_KEY = `{ id name scope prefix createdAt lastUsedAt createdBy }`;
const SHARED_LINK = `{ id name prefix hasPassword expiresAt createdAt lastUsedAt }`;
const CALLER_QUERY = `{ caller { kind role scope canImport canChangeSettings canManage canSeeCustomers person { id name email } } }`;
const CREATE_API_KEY = `mutation ($name: String!) { createApiKey(input: { name: $name, scope: READ }) { key apiKey ${API_KEY} } }`;
const REVOKE_API_KEY = `mutation ($id: ID!) { revokeApiKey(id: $id) ${API_KEY} }`;
const CREATE_SHARED_LINK = `mutation ($name: String!) { createSharedLink(input: { name: $name }) { url sharedLink ${SHARED_LINK} } }`;
const REVOKE_SHARED_LINK = `mutation ($id: ID!) { revokeSharedLink(id: $id) ${SHARED_LINK} }`;
const TIKTOK_STATE = `{ connected connectedAt disconnectedAt }`;
const CONNECT = `mutation { connectTikTok ${TIKTOK_STATE} }`;
const DISCONNECT = `mutation { disconnectTikTok ${TIKTOK_STATE} }`;
const CREATE_SHOP = `mutation ($name: String!) { createShop(input: { name: $name, timezone: "America/Chicago" }) { shop { id name } token tokenId } }`;
const CREATE_SHOP_TOKEN = `mutation ($shopId: ID!) { createShopToken(shopId: $shopId, label: "matrix") { token tokenId } }`;
const REVOKE_SHOP_TOKEN = `mutation ($shopId: ID!, $tokenId: ID!) { revokeShopToken(shopId: $shopId, tokenId: $tokenId) }`;

const tokenOfUrl = (url: string) => url.split('/shared/')[1]!;

async function connected(shop: ShopKey): Promise<boolean> {
  const [row] = await db.dataSource.query(`SELECT connected FROM tiktok_integration WHERE shop_id = $1`, [shops[shop].shopId]);
  return row.connected;
}

async function orderExists(shop: ShopKey, externalId: string): Promise<boolean> {
  const rows = await db.dataSource.query(`SELECT 1 FROM sales_order WHERE shop_id = $1 AND external_id = $2`, [shops[shop].shopId, externalId]);
  return rows.length === 1;
}

async function liveIds(table: 'api_token' | 'shared_link', shop: ShopKey): Promise<string[]> {
  const id = table === 'api_token' ? 'token_id' : 'link_id';
  const live = table === 'api_token' ? 'revoked_at IS NULL' : 'revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())';
  const rows: Array<{ id: string }> = await db.dataSource.query(`SELECT ${id}::text AS id FROM ${table} WHERE shop_id = $1 AND ${live}`, [shops[shop].shopId]);
  return rows.map((row) => row.id).sort();
}

const OPERATIONS: Operation[] = [
  readOperation('shop', 'read', `{ shop { id name timezone currency weekStartsOn lastImportAt aovTarget { cents formatted } tiktok ${TIKTOK_STATE} } }`, (data, target) =>
    expect(data.shop).toMatchObject({ id: shops[target].shopId, name: SHOP_NAME[target] }),
  ),
  readOperation(
    'dashboard figures',
    'read',
    `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
      asOf allTime { totalOrders netReceipts { cents } uniqueCustomers aovBelowTarget }
      dateRange(from: "2025-03-01", to: "2025-03-31") {
        summary { totalOrders netReceipts { cents } } series { start orders netReceipts { cents } firstTimeCustomers repeatCustomers }
        topProducts(first: 10) { rank unitsSold product { externalId name sku } }
      }
    } } }`,
    (data) => expect(data.shop.tiktokInsights.allTime.totalOrders).toBeGreaterThanOrEqual(3),
  ),
  readOperation(
    'customer count (first: 0)',
    'read',
    `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { customers(first: 0) { totalCount pageInfo { hasNextPage } edges { cursor } } } } }`,
    (data) => expect(data.shop.tiktokInsights.customers).toMatchObject({ edges: [], totalCount: expect.any(Number) }),
  ),
  readOperation(
    'crossover figures and count',
    'read',
    `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { crossover {
      sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents }
      orderBreakdown { bucket customers share } cumulativeByWeek { start cumulativeCrossoverCustomers }
      customers(first: 0) { totalCount edges { cursor } }
    } } } }`,
    (data) => expect(data.shop.tiktokInsights.crossover).toMatchObject({ crossoverCustomers: 2, customers: { totalCount: 2, edges: [] } }),
  ),
  readOperation(
    'customer list',
    'customers',
    `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { customers(first: 5, orderBy: { field: NAME, direction: ASC }) { totalCount edges { node ${CUSTOMER} } } } } }`,
    (data, target) => expect(data.shop.tiktokInsights.customers.edges[0].node.name).toBe(`${MARKER[target]} Buyer 1`),
  ),
  readOperation(
    'crossover customer list',
    'customers',
    `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { crossover { customers(first: 5) {
      totalCount edges { node { firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts { cents } customer ${CUSTOMER} } }
    } } } } }`,
    (data, target) => expect(data.shop.tiktokInsights.crossover.customers.edges.map((e: any) => e.node.customer.name).sort()).toEqual([`${MARKER[target]} Buyer 1`, `${MARKER[target]} Buyer 2`]),
  ),
  {
    name: 'caller',
    needs: 'identity',
    ofOtherShop: 'own',
    graphql: CALLER_QUERY,
    writes: false,
    call: (who) => gqlAs(who, CALLER_QUERY),
    async verify(answer, { caller }) {
      const is = caller.is;
      if (is.kind !== 'member' && is.kind !== 'otherShop') throw new Error(`${caller.name} has no identity`);
      const may = is.kind === 'member' ? is.may : MANAGER;
      const { person: who, ...rest } = answer.data.caller;
      expect(rest).toEqual({
        kind: is.identity.kind,
        role: is.identity.role,
        scope: is.identity.scope,
        canImport: may.includes('import'),
        canChangeSettings: may.includes('settings'),
        canManage: may.includes('team'),
        canSeeCustomers: may.includes('customers'),
      });
      expect(who?.email ?? null).toBe(is.identity.email);
    },
  },
  {
    name: 'apiKeys',
    needs: 'team',
    ofOtherShop: 'own',
    graphql: `{ apiKeys ${API_KEY} }`,
    writes: false,
    call: (who) => gqlAs(who, `{ apiKeys ${API_KEY} }`),
    async verify(answer, { target }) {
      expect(answer.data.apiKeys.map((key: { id: string }) => key.id).sort()).toEqual(await liveIds('api_token', target));
    },
  },
  {
    name: 'sharedLinks',
    needs: 'team',
    ofOtherShop: 'own',
    graphql: `{ sharedLinks ${SHARED_LINK} }`,
    writes: false,
    call: (who) => gqlAs(who, `{ sharedLinks ${SHARED_LINK} }`),
    async verify(answer, { target }) {
      expect(answer.data.sharedLinks.map((link: { id: string }) => link.id).sort()).toEqual(await liveIds('shared_link', target));
    },
  },
  {
    name: 'serverInfo',
    needs: 'anyone',
    ofOtherShop: 'own',
    graphql: `{ serverInfo { mailConfigured setupNeeded } }`,
    writes: false,
    call: (who) => gqlAs(who, `{ serverInfo { mailConfigured setupNeeded } }`),
    async verify(answer) {
      expect(answer.data).toEqual({ serverInfo: { mailConfigured: false, setupNeeded: false } });
    },
  },
  {
    name: 'importOrders',
    needs: 'import',
    ofOtherShop: 'own',
    graphql: IMPORT_MUTATION,
    writes: true,
    async prepare(target) {
      const order = newOrder(target);
      return { order: JSON.stringify(order) };
    },
    call: (who, { made }) => gqlAs(who, IMPORT_MUTATION, { orders: [JSON.parse(made.order!)] }),
    async verify(answer, { target, made }) {
      expect(answer.data.importOrders).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect(await orderExists(target, JSON.parse(made.order!).externalId)).toBe(true);
    },
  },
  {
    name: 'updateShopSettings',
    needs: 'settings',
    ofOtherShop: 'own',
    graphql: `mutation ($name: String!) { updateShopSettings(input: { name: $name, aovTargetCents: 4321 }) { id name aovTarget { cents } } }`,
    writes: true,
    async prepare(target) {
      return { name: `${MARKER[target]} Renamed ${++sequence}` };
    },
    call: (who, { made }) => gqlAs(who, `mutation ($name: String!) { updateShopSettings(input: { name: $name, aovTargetCents: 4321 }) { id name aovTarget { cents } } }`, { name: made.name }),
    async verify(answer, { target, made }) {
      expect(answer.data.updateShopSettings).toEqual({ id: shops[target].shopId, name: made.name, aovTarget: { cents: 4321 } });
      const [row] = await db.dataSource.query(`SELECT name FROM shop WHERE shop_id = $1`, [shops[target].shopId]);
      expect(row.name).toBe(made.name);
    },
    async cleanup({ target }) {
      await gqlData(shopToken(target), `mutation ($name: String!) { updateShopSettings(input: { name: $name, aovTargetCents: 4000 }) { id } }`, { name: SHOP_NAME[target] });
    },
  },
  {
    name: 'connectTikTok',
    needs: 'settings',
    ofOtherShop: 'own',
    graphql: CONNECT,
    writes: true,
    async prepare(target) {
      await gqlData(shopToken(target), DISCONNECT);
      return {};
    },
    call: (who) => gqlAs(who, CONNECT),
    async verify(answer, { target }) {
      expect(answer.data.connectTikTok.connected).toBe(true);
      expect(await connected(target)).toBe(true);
    },
    async stillThere({ target }) {
      expect(await connected(target)).toBe(false);
    },
    async cleanup({ target }) {
      await gqlData(shopToken(target), CONNECT);
    },
  },
  {
    name: 'disconnectTikTok',
    needs: 'settings',
    ofOtherShop: 'own',
    graphql: DISCONNECT,
    writes: true,
    call: (who) => gqlAs(who, DISCONNECT),
    async verify(answer, { target }) {
      expect(answer.data.disconnectTikTok.connected).toBe(false);
      expect(await connected(target)).toBe(false);
    },
    async stillThere({ target }) {
      expect(await connected(target)).toBe(true);
    },
    async cleanup({ target }) {
      await gqlData(shopToken(target), CONNECT);
    },
  },
  {
    name: 'createApiKey',
    needs: 'team',
    ofOtherShop: 'own',
    graphql: CREATE_API_KEY,
    writes: true,
    call: (who) => gqlAs(who, CREATE_API_KEY, { name: 'Matrix key' }),
    async verify(answer, { target }) {
      const { key, apiKey } = answer.data.createApiKey;
      expect(apiKey).toMatchObject({ name: 'Matrix key', scope: 'READ' });
      expect(await liveIds('api_token', target)).toContain(apiKey.id);
      expect(await shopOf(key)).toBe(shops[target].shopId);
    },
  },
  {
    name: "revokeApiKey (a key of A's)",
    needs: 'team',
    ofOtherShop: 'NOT_FOUND',
    graphql: REVOKE_API_KEY,
    writes: true,
    async prepare() {
      const { key, apiKey } = (await gqlData(ownerOf('A'), CREATE_API_KEY, { name: 'Victim key' })).createApiKey;
      return { key, id: apiKey.id };
    },
    call: (who, { made }) => gqlAs(who, REVOKE_API_KEY, { id: made.id }),
    async verify(answer, { made }) {
      expect(answer.data.revokeApiKey.id).toBe(made.id);
      expect(await shopOf(made.key!)).toBe('UNAUTHENTICATED');
    },
    async stillThere({ made }) {
      expect(await shopOf(made.key!)).toBe(shops.A.shopId);
    },
  },
  {
    name: 'createSharedLink',
    needs: 'team',
    ofOtherShop: 'own',
    graphql: CREATE_SHARED_LINK,
    writes: true,
    call: (who) => gqlAs(who, CREATE_SHARED_LINK, { name: 'Matrix link' }),
    async verify(answer, { target }) {
      const { url, sharedLink } = answer.data.createSharedLink;
      expect(sharedLink).toMatchObject({ name: 'Matrix link', hasPassword: false });
      expect(url).toMatch(/\/shared\/tts_/);
      expect(await shopOf(tokenOfUrl(url))).toBe(shops[target].shopId);
    },
  },
  {
    name: "revokeSharedLink (a link of A's)",
    needs: 'team',
    ofOtherShop: 'NOT_FOUND',
    graphql: REVOKE_SHARED_LINK,
    writes: true,
    async prepare() {
      const { url, sharedLink } = (await gqlData(ownerOf('A'), CREATE_SHARED_LINK, { name: 'Victim link' })).createSharedLink;
      return { token: tokenOfUrl(url), id: sharedLink.id };
    },
    call: (who, { made }) => gqlAs(who, REVOKE_SHARED_LINK, { id: made.id }),
    async verify(answer, { made }) {
      expect(answer.data.revokeSharedLink.id).toBe(made.id);
      expect(await shopOf(made.token!)).toBe('UNAUTHENTICATED');
    },
    async stillThere({ made }) {
      expect(await shopOf(made.token!)).toBe(shops.A.shopId);
    },
  },
  {
    name: 'createShop',
    needs: 'admin',
    ofOtherShop: 'own',
    graphql: CREATE_SHOP,
    writes: true,
    call: (who) => gqlAs(who, CREATE_SHOP, { name: 'Matrix Shop' }),
    async verify(answer) {
      const { shop, token } = answer.data.createShop;
      expect(shop.name).toBe('Matrix Shop');
      expect(await shopOf(token)).toBe(shop.id);
    },
  },
  {
    name: "createShopToken (for A)",
    needs: 'admin',
    ofOtherShop: 'own',
    graphql: CREATE_SHOP_TOKEN,
    writes: true,
    call: (who) => gqlAs(who, CREATE_SHOP_TOKEN, { shopId: shops.A.shopId }),
    async verify(answer) {
      expect(await shopOf(answer.data.createShopToken.token)).toBe(shops.A.shopId);
    },
  },
  {
    name: "revokeShopToken (a token of A's)",
    needs: 'admin',
    ofOtherShop: 'own',
    graphql: REVOKE_SHOP_TOKEN,
    writes: true,
    async prepare() {
      const { token, tokenId } = (await gqlData({ bearer: TEST_ADMIN_TOKEN }, CREATE_SHOP_TOKEN, { shopId: shops.A.shopId })).createShopToken;
      return { token, tokenId };
    },
    call: (who, { made }) => gqlAs(who, REVOKE_SHOP_TOKEN, { shopId: shops.A.shopId, tokenId: made.tokenId }),
    async verify(answer, { made }) {
      expect(answer.data.revokeShopToken).toBe(true);
      expect(await shopOf(made.token!)).toBe('UNAUTHENTICATED');
    },
    async stillThere({ made }) {
      expect(await shopOf(made.token!)).toBe(shops.A.shopId);
    },
  },
  ...(['tiktok-customers', 'crossover-customers'] as const).map(
    (name): Operation => ({
      name: `GET /api/exports/${name}.csv`,
      needs: 'customers',
      ofOtherShop: 'own',
      writes: false,
      call: (who) => httpAs(who, 'GET', `/api/exports/${name}.csv?asOf=${AS_OF}`),
      async verify(answer, { target }) {
        expect(answer.status).toBe(200);
        const own = await httpAs(shopToken(target), 'GET', `/api/exports/${name}.csv?asOf=${AS_OF}`);
        expect(answer.raw).toBe(own.raw);
        expect(answer.raw).toContain(`${MARKER[target]} Buyer 1`);
      },
    }),
  ),
  {
    name: 'POST /api/imports',
    needs: 'import',
    ofOtherShop: 'own',
    writes: true,
    async prepare(target) {
      const order = newOrder(target);
      return { externalId: order.externalId, csv: templateCsv([order]) };
    },
    call: (who, { made }) => httpAs(who, 'POST', '/api/imports?filename=matrix.csv', { type: 'text/csv', text: made.csv! }),
    async verify(answer, { target, made }) {
      expect(answer.status).toBe(202);
      expect(answer.data).toMatchObject({ status: 'queued' });
      // Waited for, so that no job writes while a later cell counts rows.
      const job = await importsClient(() => api.server.url).finished(answer.data.id, shops[target].token);
      expect(job).toMatchObject({ status: 'done', ordersCreated: 1 });
      expect(await orderExists(target, made.externalId!)).toBe(true);
    },
  },
  {
    name: 'GET /api/imports',
    needs: 'importHistory',
    ofOtherShop: 'own',
    writes: false,
    call: (who) => httpAs(who, 'GET', '/api/imports'),
    async verify(answer, { target }) {
      expect(answer.status).toBe(200);
      expect(answer.data).toEqual((await httpAs(shopToken(target), 'GET', '/api/imports')).data);
      expect(JSON.stringify(answer.data)).toContain(jobs[target]);
    },
  },
  {
    name: "GET /api/imports/:id (a job of A's)",
    needs: 'importHistory',
    ofOtherShop: 'NOT_FOUND',
    writes: false,
    call: (who) => httpAs(who, 'GET', `/api/imports/${jobs.A}`),
    async verify(answer) {
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({ id: jobs.A, status: 'done' });
    },
  },
];

function expectedOf(caller: CallerSpec, operation: Operation): Expected {
  const is = caller.is;
  if (operation.needs === 'anyone') return 'data';
  if (operation.needs === 'admin') {
    if (is.kind === 'adminToken') return 'data';
    return is.kind === 'refused' && is.code === 'UNAUTHENTICATED' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  }
  switch (is.kind) {
    case 'adminToken':
      return 'FORBIDDEN';
    case 'refused':
      return is.code;
    case 'otherShop':
      return operation.ofOtherShop;
    case 'member':
      return is.may.includes(operation.needs) ? 'data' : 'FORBIDDEN';
  }
}

// ---------------------------------------------------------------------------------------------
// Checks of an answer
// ---------------------------------------------------------------------------------------------

const HTTP_STATUS: Record<Refusal | 'NOT_FOUND', number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/** Nothing but nulls: a refused field nulls what holds it up to the first nullable field. */
function holdsNoData(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).every(holdsNoData);
}

function expectRefused(answer: Answer, code: Refusal | 'NOT_FOUND', label: string): void {
  expect(answer.codes, `${label}: ${answer.raw.slice(0, 500)}`).toEqual([code]);
  if (answer.kind === 'graphql') {
    expect(holdsNoData(answer.data), `${label}: data in a refusal`).toBe(true);
  } else {
    expect(answer.status, label).toBe(HTTP_STATUS[code]);
    expect(Object.keys(answer.data), label).toEqual(['errors']);
  }
}

/** A new key's, link's or token's random characters, which could by chance spell a marker. */
function withoutRandomSecrets(raw: string): string {
  return raw.replace(/(tti|tts|ttg)_[A-Za-z0-9_.-]+/g, '$1_[random]');
}

/** Nothing of the shop in an answer: not its id, not its marker (names of customers, products, people, the shop). */
function expectNothingOf(shop: ShopKey, answer: Answer, label: string): void {
  const text = withoutRandomSecrets(answer.raw).toLowerCase();
  expect(text.includes(MARKER[shop].toLowerCase()), `${label}: ${MARKER[shop]} in ${answer.raw.slice(0, 400)}`).toBe(false);
  expect(text.includes(shops[shop].shopId), `${label}: shop ${shop}'s id`).toBe(false);
  if (shop === 'A') expect(text.includes(jobs.A), `${label}: A's import job`).toBe(false);
}

/** A row count of every shop and a checksum of each of the two shops' rows (a credential's own `last_used_at` aside). */
async function worldState() {
  const [counts] = await db.dataSource.query(
    `SELECT (SELECT count(*)::int FROM shop) AS shops, (SELECT count(*)::int FROM api_token) AS tokens,
            (SELECT count(*)::int FROM shared_link) AS links, (SELECT count(*)::int FROM import_job) AS jobs,
            (SELECT count(*)::int FROM sales_order) AS orders`,
  );
  return {
    counts,
    A: await shopChecksum(db.dataSource, shops.A.shopId, ['last_used_at']),
    B: await shopChecksum(db.dataSource, shops.B.shopId, ['last_used_at']),
  };
}

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------

async function signedIn(email: string): Promise<string> {
  const result = await signIn(api.server.url, email);
  expect(result.status).toBe(200);
  return result.cookie!;
}

async function unlock(token: string, password: string): Promise<string> {
  const response = await fetch(`${api.server.url}/api/shared-links/${token}/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function newKey(owner: Credentials, scope: 'READ' | 'IMPORT'): Promise<{ key: string; id: string }> {
  const data = await gqlData(owner, `mutation ($scope: ApiKeyScope!) { createApiKey(input: { name: "Matrix ${scope}", scope: $scope }) { key apiKey { id } } }`, { scope });
  return { key: data.createApiKey.key, id: data.createApiKey.apiKey.id };
}

async function newLink(owner: Credentials, password?: string): Promise<{ token: string; id: string }> {
  const data = await gqlData(owner, `mutation ($password: String) { createSharedLink(input: { name: "Matrix visitor", password: $password }) { url sharedLink { id } } }`, {
    password: password ?? null,
  });
  return { token: tokenOfUrl(data.createSharedLink.url), id: data.createSharedLink.sharedLink.id };
}

beforeAll(async () => {
  db = await createTestDatabase();
  importDir = await mkdtemp(join(tmpdir(), 'role-access-'));
  // The refused credentials fail on purpose, hundreds of times from one address: no 429 here
  // (auth-throttle.test.ts covers the throttle).
  api = await startTestApi(db.dataSource, {
    server: { imports: { dir: importDir }, authThrottle: { failuresPerAddress: 100_000, failuresPerTokenPrefix: 100_000, windowMs: 60_000 } },
  });
  for (const shop of ['A', 'B'] as const) {
    shops[shop] = await api.createShop({ name: SHOP_NAME[shop] });
    expect((await gqlAs(shopToken(shop), IMPORT_MUTATION, { orders: ordersOf(shop) })).codes).toEqual([]);
    const upload = await importsClient(() => api.server.url).importFile(templateCsv([newOrder(shop)]), shops[shop].token, `${MARKER[shop]}-orders.csv`);
    expect(upload.status).toBe('done');
    jobs[shop] = upload.id;
  }

  await addPerson(db.dataSource, shops.A.shopId, EMAIL.owner, 'owner');
  await addPerson(db.dataSource, shops.A.shopId, EMAIL.admin, 'admin');
  await addPerson(db.dataSource, shops.A.shopId, EMAIL.viewer, 'viewer');
  const removedId = await addPerson(db.dataSource, shops.A.shopId, EMAIL.removed, 'admin');
  await addPerson(db.dataSource, shops.B.shopId, EMAIL.other, 'owner');
  credentials.owner = await signedIn(EMAIL.owner);
  credentials.admin = await signedIn(EMAIL.admin);
  credentials.viewer = await signedIn(EMAIL.viewer);
  credentials.other = await signedIn(EMAIL.other);
  credentials.removed = await signedIn(EMAIL.removed);
  // Removed after signing in: the session stays, the membership is gone.
  await db.dataSource.query(`DELETE FROM shop_member WHERE "userId" = $1`, [removedId]);

  // B has keys and links of its own, for the lists its owner reads in the matrix.
  await newLink(ownerOf('B'));
  const owner = ownerOf('A');
  credentials.readKey = (await newKey(owner, 'READ')).key;
  credentials.importKey = (await newKey(owner, 'IMPORT')).key;
  const revokedKey = await newKey(owner, 'READ');
  await gqlData(owner, REVOKE_API_KEY, { id: revokedKey.id });
  credentials.revokedKey = revokedKey.key;

  credentials.link = (await newLink(owner)).token;
  const locked = await newLink(owner, 'avery-ledger-2025');
  credentials.lockedLink = locked.token;
  credentials.grant = await unlock(locked.token, 'avery-ledger-2025');
  const revokedLink = await newLink(owner);
  await gqlData(owner, REVOKE_SHARED_LINK, { id: revokedLink.id });
  credentials.revokedLink = revokedLink.token;
  const expiredLink = await newLink(owner);
  await db.dataSource.query(`UPDATE shared_link SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE link_id = $1`, [expiredLink.id]);
  credentials.expiredLink = expiredLink.token;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  if (importDir) await rm(importDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

let cells = 0;

describe.each(CALLERS.map((caller) => [caller.name, caller] as const))('%s', (_name, caller) => {
  it.each(OPERATIONS.map((operation) => [operation.name, expectedOf(caller, operation), operation] as const))('%s → %s', async (_operation, expected, operation) => {
    const label = `${caller.name} × ${operation.name}`;
    const target: ShopKey = expected === 'own' ? 'B' : 'A';
    const context: CallContext = { caller, target, made: {} };
    context.made = (await operation.prepare?.(target)) ?? {};
    const before = operation.writes ? await worldState() : null;
    try {
      const answer = await operation.call(caller.credentials(), context);
      if (expected === 'data' || expected === 'own') {
        expect(answer.codes, `${label}: ${answer.raw.slice(0, 500)}`).toEqual([]);
        expect(answer.status, label).toBeLessThan(300);
        expect(holdsNoData(answer.data), `${label}: no data`).toBe(false);
        await operation.verify(answer, context);
        expectNothingOf(other(target), answer, label);
        const may = caller.is.kind === 'member' ? caller.is.may : MANAGER;
        if (!may.includes('customers')) for (const personal of PERSONAL_OF_A) expect(answer.raw, `${label}: customer data`).not.toContain(personal);
        // The other shop is untouched by an allowed write.
        if (before) expect((await worldState())[other(target)], `${label}: the other shop changed`).toEqual(before[other(target)]);
      } else {
        expectRefused(answer, expected, label);
        expectNothingOf('A', answer, label);
        expectNothingOf('B', answer, label);
        if (before) expect(await worldState(), `${label}: a refused write changed rows`).toEqual(before);
        await operation.stillThere?.(context);
      }
      cells++;
    } finally {
      await operation.cleanup?.(context);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Beyond the matrix: writes with a cookie from another site, and the team routes of shop A
// ---------------------------------------------------------------------------------------------

describe('a signed-in person’s writes from another site', () => {
  it('an upload with the cookie but without X-Requested-With is FORBIDDEN and writes nothing', async () => {
    const before = await worldState();
    const response = await fetch(`${api.server.url}/api/imports?filename=x.csv`, {
      method: 'POST',
      headers: { cookie: credentials.owner, 'content-type': 'text/csv' },
      body: templateCsv([newOrder('A')]),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await worldState()).toEqual(before);
  });

  it('a GraphQL mutation with the cookie as a simple form post is blocked before it runs', async () => {
    const before = await worldState();
    const response = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { cookie: credentials.owner, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: `mutation { disconnectTikTok { connected } }` }),
    });
    expect(response.status).toBe(400);
    expect(await connected('A')).toBe(true);
    expect(await worldState()).toEqual(before);
  });
});

describe("shop A's team through the authentication routes", () => {
  it("the owner of another shop can neither list A's members, nor invite to A, nor switch into A", async () => {
    const members = await authCall(api.server.url, `/organization/list-members?organizationId=${shops.A.shopId}`, credentials.other);
    expect([401, 403]).toContain(members.status);
    expect(JSON.stringify(members.body)).not.toMatch(/avery/i);
    const invited = await authCall(api.server.url, '/organization/invite-member', credentials.other, { email: 'intruder@b-shop.example', role: 'admin', organizationId: shops.A.shopId });
    // The authentication library's own refusal of a non-member (400 MEMBER_NOT_FOUND): no invitation either way.
    expect([400, 401, 403]).toContain(invited.status);
    expect(JSON.stringify(invited.body)).not.toMatch(/avery/i);
    const invitations: Array<{ n: number }> = await db.dataSource.query(`SELECT count(*)::int AS n FROM shop_invitation WHERE "organizationId" = $1`, [shops.A.shopId]);
    expect(invitations[0]!.n).toBe(0);
    const switched = await authCall(api.server.url, '/organization/set-active', credentials.other, { organizationId: shops.A.shopId });
    expect(switched.status).toBe(403);
    const caller = await gqlWithCookie(api.server.url, credentials.other, `{ shop { id } }`);
    expect(caller.data?.shop.id).toBe(shops.B.shopId);
  });

  it("a viewer of A can list A's members but not invite; the owner can", async () => {
    const members = await authCall(api.server.url, `/organization/list-members?organizationId=${shops.A.shopId}`, credentials.viewer);
    expect(members.status).toBe(200);
    expect(members.body.members.map((m: any) => m.user.email).sort()).toEqual([EMAIL.admin, EMAIL.owner, EMAIL.viewer].sort());
    const refused = await authCall(api.server.url, '/organization/invite-member', credentials.viewer, { email: 'helper@a-shop.example', role: 'viewer', organizationId: shops.A.shopId });
    expect(refused.status).toBe(403);
    const invited = await authCall(api.server.url, '/organization/invite-member', credentials.owner, { email: 'helper@a-shop.example', role: 'viewer', organizationId: shops.A.shopId });
    expect(invited.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage of the schema
// ---------------------------------------------------------------------------------------------

/** Types whose fields are personal data: a customer (name, address) or a person (name, email). */
const PERSONAL_TYPES = new Set(['TikTokCustomer', 'Address', 'Person']);
/** Personal fields behind something else than the right to see customers. */
const PERSONAL_FIELDS_ELSEWHERE: Record<string, Capability> = {
  // The caller's own person: null for keys and links (checked in every `caller` cell).
  'Caller.person': 'identity',
};

describe('coverage', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    const introspection = await api.gql<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data!);
  });

  const selected = (query: string) => selectedCoordinates(schema, query);

  it('every root field of the schema is an operation of the matrix, and the matrix ran whole', () => {
    const roots = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()).map((name) => `${type.name}.${name}`));
    const covered = new Set(OPERATIONS.flatMap((operation) => (operation.graphql ? [...selected(operation.graphql)] : [])));
    expect(roots.filter((root) => !covered.has(root)), 'root fields without an operation in the matrix (add one to OPERATIONS)').toEqual([]);
    expect(cells, 'cells that ran to the end').toBe(CALLERS.length * OPERATIONS.length);
    console.log(`role access: ${CALLERS.length} callers × ${OPERATIONS.length} operations = ${cells} cells (${roots.length} root fields, 5 routes)`);
  });

  it('every field that returns a customer or a person is selected by an operation that needs to see customers', () => {
    const personal = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .filter((type) => !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((field) => PERSONAL_TYPES.has(getNamedType(field.type).name))
          .map((field) => `${type.name}.${field.name}`),
      );
    expect(personal.length).toBeGreaterThan(3);
    const guardedBy = (capability: Capability) => new Set(OPERATIONS.filter((o) => o.needs === capability && o.graphql).flatMap((o) => [...selected(o.graphql!)]));
    const byCustomers = guardedBy('customers');
    const unguarded = personal.filter((coordinate) => {
      const elsewhere = PERSONAL_FIELDS_ELSEWHERE[coordinate];
      return elsewhere ? !guardedBy(elsewhere).has(coordinate) : !byCustomers.has(coordinate);
    });
    expect(unguarded, 'fields with personal data that no customers-only operation tries (add one to OPERATIONS)').toEqual([]);
    // And no operation that a shared link may call selects a customer's field.
    const visitorReadable = OPERATIONS.filter((o) => o.graphql && (VISITOR.includes(o.needs) || o.needs === 'anyone')).flatMap((o) => [...selected(o.graphql!)]);
    expect(visitorReadable.filter((coordinate) => personal.includes(coordinate) && !(coordinate in PERSONAL_FIELDS_ELSEWHERE))).toEqual([]);
  });
});
