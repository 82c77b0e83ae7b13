/**
 * Runs every example of docs/api.md against a real API, so that the integrators' guide cannot rot.
 *
 * The guide's conventions, read here:
 * - Every ```graphql block is an operation, run in the order of the guide with an IMPORT API key of a
 *   shop holding about 120 days of demo orders. A ```json block right after it (nothing but blank
 *   lines between) is its variables.
 * - HTML comments right before a block mark it: `<!-- token: admin -->` / `<!-- token: owner -->`
 *   (the session of the shop's owner) / `<!-- token: none -->` choose the credential, `<!-- expect: CODE -->` says the example shows an error with that
 *   `extensions.code`, `<!-- status: N -->` gives the HTTP status it is answered with.
 * - A ```json block marked `<!-- response -->` is the documented answer of the example before it;
 *   the real answer must equal it (ids, tokens and timestamps are matched by their form only).
 *   `<!-- response-to: NAME -->` documents an answer this test provokes itself (NAME below).
 * - A ```sh block with a curl command is run as curl would send it, with `$ADMIN_TOKEN` and
 *   `$API_KEY` set and `http://localhost:4000` pointing at the test server.
 * - Values such as `"<shop id>"` in variables are placeholders, filled from earlier examples.
 *
 * The clock is pinned to 2025-07-01 in the shop's time zone, the day after the demo orders end,
 * so that examples without `asOf` ("today") and examples with dates of the guide both meet data.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_RANGE_WEEKS } from '@tiktok-insights/shared';
import { DEFAULT_AUTH_THROTTLE_LIMITS } from '../../modules/auth/auth-throttle.js';
import { DEMO_SHOP, generateDemo } from '../../modules/demo/demo-generator.js';
import { ANONYMOUS_MAX_BODY_BYTES, MAX_BODY_BYTES, MAX_BODY_DEPTH } from '../http/app.js';
import { createLogger } from '../../platform/logging/logger.js';
import { importOrdersOfShop as importOrders } from '../../test-support/import-orders-of-shop.js';
import { MAX_LINES_PER_ORDER, MAX_ORDERS_PER_IMPORT } from '../../modules/orders/domain-order.js';
import { addPerson, signIn } from '../../test-support/people.js';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../../test-support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { formatErrorFor } from './apollo.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../platform/graphql/connection.js';
import { QUERY_LIMITS } from '../../platform/graphql/limits.js';
import { buildAppSchema } from './schema.js';

const DOC_PATH = fileURLToPath(new URL('../../../../../docs/api.md', import.meta.url));
const DOC = readFileSync(DOC_PATH, 'utf8');

/** "Now" for the whole file: noon in Chicago on the day after the demo orders end. */
const PINNED_NOW = new Date('2025-07-01T17:00:00Z');
const TODAY = '2025-07-01';
const DEMO_END_DAY = '2025-06-30';
const DOC_HOST = 'http://localhost:4000';

// ---------------------------------------------------------------------------------------------
// Reading the guide
// ---------------------------------------------------------------------------------------------

type Markers = Map<string, string>;

interface Block {
  lang: string;
  content: string;
  /** 1-based line of the opening fence. */
  line: number;
  markers: Markers;
  /** Nothing but blank lines between the previous block and this one. */
  adjacent: boolean;
}

const KNOWN_MARKERS = new Set(['token', 'expect', 'status', 'response', 'response-to']);

function readBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let gap: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) {
      gap.push(lines[i]!);
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`docs/api.md:${start + 1}: code block never closed`);
    const markers: Markers = new Map();
    for (let g = gap.length - 1; g >= 0; g--) {
      const text = gap[g]!.trim();
      if (text === '') continue;
      const comment = /^<!--\s*([\w-]+)(?::\s*(.*?))?\s*-->$/.exec(text);
      if (!comment) break;
      const key = comment[1]!;
      if (!KNOWN_MARKERS.has(key)) throw new Error(`docs/api.md:${g + 1}: unknown marker "${key}"`);
      markers.set(key, comment[2] ?? '');
    }
    blocks.push({
      lang: open[1]!,
      content: body.join('\n'),
      line: start + 1,
      markers,
      adjacent: gap.every((text) => text.trim() === ''),
    });
    gap = [];
  }
  return blocks;
}

type TokenKind = 'shop' | 'admin' | 'owner' | 'none';

interface ExampleBase {
  line: number;
  status: number | null;
  /** The documented answer (`<!-- response -->`), if any. */
  response: unknown;
}

interface GraphQLExample extends ExampleBase {
  kind: 'graphql';
  query: string;
  name: string | null;
  variables: Record<string, unknown> | null;
  token: TokenKind;
  expectCode: string | null;
}

interface CurlExample extends ExampleBase {
  kind: 'curl';
  command: string;
}

type Example = GraphQLExample | CurlExample;

function parseJson(block: Block): unknown {
  try {
    return JSON.parse(block.content);
  } catch (error) {
    throw new Error(`docs/api.md:${block.line}: invalid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function operationName(query: string): string | null {
  try {
    const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    return operation?.name?.value ?? null;
  } catch {
    return null; // A syntax-error example; it is marked with `expect`.
  }
}

function readExamples(blocks: Block[]): { examples: Example[]; responsesTo: Map<string, unknown> } {
  const examples: Example[] = [];
  const responsesTo = new Map<string, unknown>();
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const status = block.markers.has('status') ? Number(block.markers.get('status')) : null;
    if (block.lang === 'graphql') {
      const next = blocks[i + 1];
      let variables: Record<string, unknown> | null = null;
      if (next && next.lang === 'json' && next.adjacent && next.markers.size === 0) {
        const parsed = parseJson(next);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          throw new Error(`docs/api.md:${next.line}: variables must be a JSON object`);
        }
        variables = parsed as Record<string, unknown>;
        i++;
      }
      const token = (block.markers.get('token') ?? 'shop') as TokenKind;
      if (!['shop', 'admin', 'owner', 'none'].includes(token)) throw new Error(`docs/api.md:${block.line}: unknown token "${token}"`);
      examples.push({
        kind: 'graphql',
        line: block.line,
        query: block.content,
        name: operationName(block.content),
        variables,
        token,
        expectCode: block.markers.get('expect') ?? null,
        status,
        response: undefined,
      });
    } else if (block.lang === 'sh' && /^curl\b/m.test(block.content)) {
      examples.push({ kind: 'curl', line: block.line, command: block.content, status, response: undefined });
    } else if (block.lang === 'json') {
      if (block.markers.has('response')) {
        const example = examples.at(-1);
        if (!example || example.response !== undefined) {
          throw new Error(`docs/api.md:${block.line}: a response must follow an example that has none yet`);
        }
        example.response = parseJson(block);
      } else if (block.markers.has('response-to')) {
        responsesTo.set(block.markers.get('response-to')!, parseJson(block));
      } else {
        throw new Error(`docs/api.md:${block.line}: a JSON block must be variables right after a GraphQL example, or a marked response`);
      }
    } else if (block.markers.size > 0) {
      throw new Error(`docs/api.md:${block.line}: markers on a ${block.lang || 'plain'} block mean nothing`);
    }
  }
  return { examples, responsesTo };
}

const { examples, responsesTo } = readExamples(readBlocks(DOC));

// ---------------------------------------------------------------------------------------------
// Sending requests
// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

let db: TestDatabase;
let api: TestApi;
let shopToken: string;
let ownerCookie: string;
let shopId: string;
const placeholders = new Map<string, string>();

async function post(body: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${api.server.url}/graphql`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function tokenFor(kind: TokenKind): string | null {
  if (kind === 'admin') return TEST_ADMIN_TOKEN;
  if (kind === 'shop') return shopToken;
  return null;
}

/** The headers of an example's credential: a bearer token, or the owner's session cookie. */
function credentialHeaders(kind: TokenKind): Record<string, string> {
  if (kind === 'owner') return { cookie: ownerCookie };
  const token = tokenFor(kind);
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function sendWith(query: string, variables: Record<string, unknown> | null, headers: Record<string, string>): Promise<Answer> {
  return post(JSON.stringify({ query, ...(variables ? { variables } : {}) }), { 'content-type': 'application/json', ...headers });
}

async function send(query: string, variables: Record<string, unknown> | null, token: string | null): Promise<Answer> {
  return sendWith(query, variables, token ? { authorization: `Bearer ${token}` } : {});
}

/** Replaces `"<…>"` placeholder strings by the values earlier examples produced. */
function fillPlaceholders(value: unknown): unknown {
  if (typeof value === 'string' && /^<[^<>]+>$/.test(value)) {
    const filled = placeholders.get(value);
    if (filled === undefined) throw new Error(`no earlier example provides ${value}`);
    return filled;
  }
  if (Array.isArray(value)) return value.map(fillPlaceholders);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item)]));
  }
  return value;
}

const SHAPES: RegExp[] = [
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, // DateTime as returned
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, // ids
  /^tti_[A-Za-z0-9_-]{43}$/, // API keys
  /^tti_[A-Za-z0-9_-]{6}$/, // their prefixes
];

/** A documented answer as an expectation: ids, tokens and instants match by their form. */
function documented(value: unknown): unknown {
  if (typeof value === 'string') {
    const shape = SHAPES.find((pattern) => pattern.test(value));
    return shape ? expect.stringMatching(shape) : value;
  }
  if (Array.isArray(value)) return value.map(documented);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, documented(item)]));
  }
  return value;
}

// --- curl, as far as the guide uses it ---------------------------------------------------------

function shellWords(command: string, env: Record<string, string>): string[] {
  const text = command.replace(/\\\n/g, ' ');
  const words: string[] = [];
  let word = '';
  let started = false;
  const variable = (at: number): [string, number] => {
    const match = /^\$(?:\{(\w+)\}|(\w+))/.exec(text.slice(at));
    if (!match) throw new Error(`unsupported $ in: ${command}`);
    const name = match[1] ?? match[2]!;
    if (!(name in env)) throw new Error(`the guide's curl uses $${name}, which is not set`);
    return [env[name]!, at + match[0].length];
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in: ${command}`);
      word += text.slice(i + 1, end);
      started = true;
      i = end + 1;
    } else if (c === '"') {
      started = true;
      for (i++; i < text.length && text[i] !== '"'; ) {
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? '')) {
          word += text[i + 1];
          i += 2;
        } else if (text[i] === '$') {
          const [value, next] = variable(i);
          word += value;
          i = next;
        } else {
          word += text[i];
          i++;
        }
      }
      if (text[i] !== '"') throw new Error(`unclosed " in: ${command}`);
      i++;
    } else if (c === '$') {
      const [value, next] = variable(i);
      word += value;
      started = true;
      i = next;
    } else if (c === '\\') {
      word += text[i + 1] ?? '';
      started = true;
      i += 2;
    } else {
      word += c;
      started = true;
      i++;
    }
  }
  if (started) words.push(word);
  return words;
}

async function runCurl(command: string): Promise<Answer> {
  const words = shellWords(command, { ADMIN_TOKEN: TEST_ADMIN_TOKEN, API_KEY: shopToken });
  if (words[0] !== 'curl') throw new Error(`not a curl command: ${command}`);
  const headers: Record<string, string> = {};
  const data: string[] = [];
  let get = false;
  let url: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const value = () => {
      const next = words[++i];
      if (next === undefined) throw new Error(`${word} needs a value`);
      return next;
    };
    if (word === '-s' || word === '--silent') continue;
    if (word === '-G' || word === '--get') get = true;
    else if (word === '-H' || word === '--header') {
      const header = value();
      const colon = header.indexOf(':');
      headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
    } else if (word === '-d' || word === '--data' || word === '--data-raw') data.push(value());
    else if (word === '--data-urlencode') {
      const part = value();
      const equals = part.indexOf('=');
      data.push(equals < 0 ? encodeURIComponent(part) : `${part.slice(0, equals)}=${encodeURIComponent(part.slice(equals + 1))}`);
    } else if (word.startsWith('-')) throw new Error(`curl option ${word} is not supported by this test`);
    else url = word;
  }
  if (!url?.startsWith(`${DOC_HOST}/`)) throw new Error(`curl URL should be on ${DOC_HOST}: ${url}`);
  let target = api.server.url + url.slice(DOC_HOST.length);
  let body: string | undefined;
  if (get) {
    if (data.length > 0) target += `?${data.join('&')}`;
  } else if (data.length > 0) {
    body = data.join('&');
    // What curl sends with -d when no content-type is given.
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  const response = await fetch(target, { method: get || body === undefined ? 'GET' : 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

// ---------------------------------------------------------------------------------------------
// What each named example must show, beyond "no errors"
// ---------------------------------------------------------------------------------------------

interface CheckContext {
  example: GraphQLExample;
  variables: Record<string, unknown> | null;
  answer: Answer;
  data: any;
}

const facts: { allTimeOrders?: number; crossoverCustomers?: number } = {};

function positiveMoney(value: any) {
  expect(value.cents).toBeGreaterThan(0);
  expect(Number.isSafeInteger(value.cents)).toBe(true);
  expect(value.formatted).toMatch(/^\$[\d,]+\.\d{2}$/);
}

function expectFilledSummary(summary: any) {
  expect(summary.totalOrders).toBeGreaterThan(0);
  positiveMoney(summary.netReceipts);
  positiveMoney(summary.averageOrderValue);
  expect(summary.uniqueCustomers).toBeGreaterThan(0);
  expect(summary.uniqueCustomers).toBeLessThanOrEqual(summary.totalOrders);
  expect(typeof summary.aovBelowTarget).toBe('boolean');
}

function expectConsistentSeries(period: any, points: number) {
  expect(period.series).toHaveLength(points);
  expect(period.series[0].start).toBe(period.start);
  expect(period.series.at(-1).end).toBe(period.end);
  const orders = period.series.reduce((sum: number, point: any) => sum + point.orders, 0);
  expect(orders).toBe(period.summary.totalOrders);
  for (const point of period.series) {
    expect(point.firstTimeCustomers + point.repeatCustomers).toBe(point.uniqueCustomers);
    if (point.tiktokShare !== null) {
      expect(point.tiktokShare).toBeGreaterThanOrEqual(0);
      expect(point.tiktokShare).toBeLessThanOrEqual(1);
    }
  }
}

/** Follows `endCursor` until `hasNextPage` is false, as the guide's loop says. */
async function collectPages(
  example: GraphQLExample,
  variables: Record<string, unknown>,
  connectionOf: (data: any) => any,
): Promise<{ nodes: any[]; totalCount: number; pages: number }> {
  const nodes: any[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const answer = await send(example.query, { ...variables, after }, shopToken);
    expect(answer.body.errors).toBeUndefined();
    const connection = connectionOf(answer.body.data);
    pages++;
    nodes.push(...connection.edges.map((edge: any) => edge.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, totalCount: connection.totalCount, pages };
    expect(connection.pageInfo.endCursor).toEqual(expect.any(String));
    after = connection.pageInfo.endCursor;
    expect(pages).toBeLessThan(1000);
  }
}

const checks: Record<string, (context: CheckContext) => Promise<void> | void> = {
  DescribeInsights({ data }) {
    const fields = data.__type.fields.map((field: { name: string }) => field.name);
    expect(fields).toEqual(expect.arrayContaining(['asOf', 'allTime', 'last7Days', 'dateRange', 'customers', 'crossover']));
    expect(data.__type.description).toMatch(/counted/);
    for (const field of data.__type.fields) expect(field.description).toEqual(expect.any(String));
  },

  async CreateShop({ data, variables }) {
    const { shop, token } = data.createShop;
    expect(shop).toMatchObject({ name: (variables!.input as { name: string }).name, tiktok: { connected: true } });
    const own = await send('{ shop { id name } }', null, token);
    expect(own.body.data!.shop).toEqual({ id: shop.id, name: shop.name });
    placeholders.set('<shop id>', shop.id);
  },

  async CreateApiKey({ data }) {
    const { key, apiKey } = data.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const caller = await send('{ caller { kind scope } shop { id } }', null, key);
    expect(caller.body.data).toEqual({ caller: { kind: 'API_KEY', scope: 'IMPORT' }, shop: { id: shopId } });
    placeholders.set('<api key id>', apiKey.id);
    placeholders.set('<api key>', key);
  },

  async RevokeApiKey({ data }) {
    expect(data.revokeApiKey.id).toBe(placeholders.get('<api key id>'));
    const refused = await send('{ shop { id } }', null, placeholders.get('<api key>')!);
    expect(refused.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  },

  async IssueToken({ data }) {
    const { tokenId, token } = data.createShopToken;
    const own = await send('{ shop { id } }', null, token);
    expect(own.body.data!.shop.id).toBe(placeholders.get('<shop id>'));
    placeholders.set('<token id>', tokenId);
    placeholders.set('<issued token>', token);
  },

  async RevokeToken({ data }) {
    expect(data.revokeShopToken).toBe(true);
    const refused = await send('{ shop { id } }', null, placeholders.get('<issued token>')!);
    expect(refused.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  },

  async Dashboard({ example, variables, data }) {
    const { shop } = data;
    expect(shop).toMatchObject({ name: DEMO_SHOP.name, timezone: DEMO_SHOP.timezone, currency: 'USD', tiktok: { connected: true } });
    const insights = shop.tiktokInsights;
    expect(insights.asOf).toBe(TODAY);
    expectFilledSummary(insights.allTime);
    expect(insights.allTime.netReceipts.currency).toBe('USD');

    const week = insights.last7Days;
    expect(week).toMatchObject({ start: '2025-06-24', end: '2025-06-30', previousStart: '2025-06-17', previousEnd: '2025-06-23' });
    expectFilledSummary(week.summary);
    expectFilledSummary(week.previous);
    expectConsistentSeries(week, 7);

    const range = insights.dateRange;
    expect(range).toMatchObject({ start: '2025-05-19', end: '2025-06-29', previousStart: '2025-04-07', previousEnd: '2025-05-18' });
    expectFilledSummary(range.summary);
    expectFilledSummary(range.previous);
    expectConsistentSeries(range, 6);
    expect(range.topProducts.map((top: any) => top.rank)).toEqual(Array.from({ length: variables!.topProducts as number }, (_, i) => i + 1));
    for (const top of range.topProducts) {
      expect(top.unitsSold).toBeGreaterThan(0);
      positiveMoney(top.totalSales);
      expect(top.product.name).toEqual(expect.any(String));
    }

    const customers = insights.customers;
    expect(customers.totalCount).toBeGreaterThan(variables!.customersFirst as number);
    expect(customers.edges).toHaveLength(variables!.customersFirst as number);
    expect(customers.pageInfo).toEqual({ hasNextPage: true, endCursor: customers.edges.at(-1).cursor });
    for (const { node } of customers.edges) {
      expect(node.orders).toBeGreaterThan(0);
      positiveMoney(node.netReceipts);
      expect(node.address.postalCode).toMatch(/^\d{5}/);
    }

    const crossover = insights.crossover;
    expect(crossover.sourcedCustomers).toBeGreaterThan(0);
    expect(crossover.crossoverCustomers).toBeGreaterThan(0);
    expect(crossover.crossoverRate).toBeCloseTo(crossover.crossoverCustomers / crossover.sourcedCustomers, 12);
    positiveMoney(crossover.crossoverNonTikTokNetReceipts);
    expect(crossover.orderBreakdown.map((bucket: any) => bucket.bucket)).toEqual(['NONE', 'ONE', 'TWO', 'THREE_OR_MORE']);
    expect(crossover.orderBreakdown.reduce((sum: number, bucket: any) => sum + bucket.customers, 0)).toBe(crossover.sourcedCustomers);
    expect(crossover.cumulativeByWeek.length).toBeGreaterThanOrEqual(17);
    expect(crossover.cumulativeByWeek.at(-1)).toMatchObject({
      cumulativeSourcedCustomers: crossover.sourcedCustomers,
      cumulativeCrossoverCustomers: crossover.crossoverCustomers,
    });
    expect(crossover.customers.totalCount).toBe(crossover.crossoverCustomers);
    expect(crossover.customers.edges).toHaveLength(Math.min(crossover.crossoverCustomers, variables!.crossoverFirst as number));
    facts.allTimeOrders = insights.allTime.totalOrders;

    // "The dashboard fits even with pages of 500" (Limits).
    const big = await send(example.query, { customersFirst: MAX_PAGE_SIZE, crossoverFirst: MAX_PAGE_SIZE, topProducts: MAX_PAGE_SIZE }, shopToken);
    expect(big.body.errors).toBeUndefined();
    expect(big.body.data!.shop.tiktokInsights.customers.edges).toHaveLength(customers.totalCount);
  },

  async ImportOrders({ example, variables, data }) {
    expect(data.importOrders).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const orders = variables!.orders as Array<Record<string, unknown>>;
    // "Sending the same call again answers unchanged: 2."
    const again = await send(example.query, variables, shopToken);
    expect(again.body.data!.importOrders).toEqual({ created: 0, updated: 0, unchanged: 2 });
    // "Sending the first order again with status REFUNDED answers updated: 1 and takes it out of every figure."
    const before = (await send('{ shop { tiktokInsights { allTime { totalOrders } } } }', null, shopToken)).body.data!;
    const refunded = await send(example.query, { orders: [{ ...orders[0], status: 'REFUNDED' }] }, shopToken);
    expect(refunded.body.data!.importOrders).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const after = (await send('{ shop { tiktokInsights { allTime { totalOrders } } } }', null, shopToken)).body.data!;
    expect(after.shop.tiktokInsights.allTime.totalOrders).toBe(before.shop.tiktokInsights.allTime.totalOrders - 1);
    const restored = await send(example.query, { orders: [orders[0]] }, shopToken);
    expect(restored.body.data!.importOrders).toEqual({ created: 0, updated: 1, unchanged: 0 });
  },

  async MarketingList({ example, variables, data }) {
    // The documented variables: one page of up to 500 holds this shop's whole list.
    const list = data.shop.tiktokInsights.customers;
    expect(list.totalCount).toBeGreaterThan(100);
    expect(list.edges).toHaveLength(list.totalCount);
    expect(list.pageInfo.hasNextPage).toBe(false);

    // The documented loop, with small pages.
    const first = 30;
    const { nodes, totalCount, pages } = await collectPages(example, { ...variables, first }, (d) => d.shop.tiktokInsights.customers);
    expect(pages).toBe(Math.ceil(totalCount / first));
    expect(nodes).toHaveLength(totalCount);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(totalCount);
    expect(nodes.map((node) => node.id)).toEqual(list.edges.map((edge: any) => edge.node.id));
    for (let i = 1; i < nodes.length; i++) expect(nodes[i].netReceipts.cents).toBeLessThanOrEqual(nodes[i - 1].netReceipts.cents);
    // The guide's arithmetic for the imported TikTok order: $98.51.
    const jordan = nodes.find((node) => node.tiktokCustomerId === 'tt-7781');
    expect(jordan).toMatchObject({ name: 'Jordan Ellis', orders: 1, netReceipts: { cents: 9851, formatted: '$98.51' } });
    expect(jordan.firstOrderAt).toBe('2025-06-29T00:42:10.000Z');

    // Another ordering, looped the same way, holds the same customers.
    const byName = await collectPages(example, { first: 45, orderBy: { field: 'NAME', direction: 'ASC' } }, (d) => d.shop.tiktokInsights.customers);
    expect(new Set(byName.nodes.map((node) => node.id))).toEqual(new Set(nodes.map((node) => node.id)));
  },

  async CrossoverCustomers({ example, variables, data }) {
    const crossover = data.shop.tiktokInsights.crossover;
    expect(crossover.customers.totalCount).toBe(crossover.crossoverCustomers);
    expect(crossover.customers.edges).toHaveLength(Math.min(crossover.crossoverCustomers, variables!.first as number));
    const { nodes, totalCount } = await collectPages(example, { first: 5 }, (d) => d.shop.tiktokInsights.crossover.customers);
    expect(totalCount).toBe(crossover.crossoverCustomers);
    expect(nodes).toHaveLength(totalCount);
    expect(new Set(nodes.map((node) => node.customer.id)).size).toBe(totalCount);
    for (const node of nodes) {
      expect(node.nonTikTokOrders).toBeGreaterThanOrEqual(1);
      positiveMoney(node.nonTikTokNetReceipts);
      expect(Date.parse(node.firstCrossoverOrderAt)).toBeGreaterThan(Date.parse(node.firstTikTokOrderAt));
    }
    // "Latest crossover first" (by crossover day).
    for (let i = 1; i < nodes.length; i++) {
      expect(Date.parse(nodes[i].firstCrossoverOrderAt)).toBeLessThanOrEqual(Date.parse(nodes[i - 1].firstCrossoverOrderAt) + 86_400_000);
    }
    // The guide: after the import example, tt-7781 is a crossover customer through the website order.
    const jordan = nodes.find((node) => node.customer.tiktokCustomerId === 'tt-7781');
    expect(jordan).toMatchObject({
      firstTikTokOrderAt: '2025-06-29T00:42:10.000Z',
      firstCrossoverOrderAt: '2025-06-30T14:15:00.000Z',
      nonTikTokOrders: 1,
      nonTikTokNetReceipts: { cents: 6800 + 612 },
    });
    facts.crossoverCustomers = crossover.crossoverCustomers;
  },

  BestHours({ data }) {
    const range = data.shop.tiktokInsights.dateRange;
    expect(range).toMatchObject({ start: '2025-03-31', end: '2025-06-29' });
    expect(range.hourOfWeek.map((cell: any) => [cell.weekday, cell.hour])).toEqual(
      Array.from({ length: 168 }, (_, i) => [Math.floor(i / 24) + 1, i % 24]),
    );
    const orders = range.hourOfWeek.reduce((sum: number, cell: any) => sum + cell.orders, 0);
    expect(orders).toBe(range.summary.totalOrders);
    expect(orders).toBeGreaterThan(0);
    // A live seller's orders are not spread evenly over the week.
    const busiest = Math.max(...range.hourOfWeek.map((cell: any) => cell.orders));
    expect(busiest).toBeGreaterThan(orders / 168);
  },

  Cancellations({ data }) {
    const insights = data.shop.tiktokInsights;
    for (const window of [insights.last7Days, insights.dateRange]) {
      const { cancelledOrders, refundedOrders, rate } = window.cancellations;
      const lost = cancelledOrders + refundedOrders;
      expect(rate).toBe(lost + window.summary.totalOrders === 0 ? null : lost / (lost + window.summary.totalOrders));
    }
    const range = insights.dateRange.cancellations;
    expect(range.cancelledOrders + range.refundedOrders).toBeGreaterThan(0);
    positiveMoney(range.lostNetReceipts);
  },

  ProductTrends({ data }) {
    const products = data.shop.tiktokInsights.dateRange.topProducts;
    expect(products.map((product: any) => product.rank)).toEqual(Array.from({ length: products.length }, (_, i) => i + 1));
    for (const product of products) expect(product.previousRank === null).toBe(product.previousUnitsSold === 0);
    expect(products.some((product: any) => product.previousRank !== null)).toBe(true);
  },

  Cohorts({ data }) {
    const cohorts = data.shop.tiktokInsights.cohorts;
    // The last 4 months up to today's (July 2025, which has no order yet).
    expect(cohorts.map((cohort: any) => [cohort.start, cohort.end])).toEqual([
      ['2025-04-01', '2025-04-30'],
      ['2025-05-01', '2025-05-31'],
      ['2025-06-01', '2025-06-30'],
      ['2025-07-01', '2025-07-31'],
    ]);
    cohorts.forEach((cohort: any, i: number) => {
      expect(cohort.periods.map((period: any) => period.index)).toEqual(Array.from({ length: 4 - i }, (_, index) => index));
      expect(cohort.periods[0].activeCustomers).toBe(cohort.customers);
      for (const period of cohort.periods) expect(period.activeCustomers).toBeLessThanOrEqual(cohort.customers);
      for (let p = 1; p < cohort.periods.length; p++) {
        expect(cohort.periods[p].cumulativeCrossoverCustomers).toBeGreaterThanOrEqual(cohort.periods[p - 1].cumulativeCrossoverCustomers);
      }
    });
    expect(cohorts[0].customers).toBeGreaterThan(0);
    expect(cohorts[0].periods[1].activeCustomers).toBeGreaterThan(0);
    expect(cohorts[3]).toMatchObject({ customers: 0 });
  },

  TimeToCrossover({ data }) {
    const crossover = data.shop.tiktokInsights.crossover;
    expect(crossover.daysToCrossover.map((bucket: any) => bucket.bucket)).toEqual(['WITHIN_7_DAYS', 'WITHIN_30_DAYS', 'WITHIN_90_DAYS', 'LATER']);
    expect(crossover.daysToCrossover.reduce((sum: number, bucket: any) => sum + bucket.customers, 0)).toBe(crossover.crossoverCustomers);
    expect(crossover.crossoverCustomers).toBeGreaterThan(0);
    expect(crossover.medianDaysToCrossover).toBeGreaterThanOrEqual(0);
    for (const bucket of crossover.daysToCrossover) expect(bucket.share).toBeCloseTo(bucket.customers / crossover.crossoverCustomers, 12);
  },

  HistoricalView({ data }) {
    const insights = data.shop.tiktokInsights;
    expect(insights.asOf).toBe('2025-05-31');
    expect(insights.allTime.totalOrders).toBeGreaterThan(0);
    expect(insights.allTime.totalOrders).toBeLessThan(facts.allTimeOrders!);
    expect(insights.last7Days).toMatchObject({ start: '2025-05-24', end: '2025-05-30' });
    expect(insights.last7Days.summary.totalOrders).toBeGreaterThan(0);
    const range = insights.dateRange;
    expect(range).toMatchObject({ start: '2025-03-31', end: '2025-05-18', previousStart: '2025-02-10', previousEnd: '2025-03-30' });
    expect(range.series).toHaveLength(7);
    expect(range.series.map((point: any) => point.start)).toEqual([
      '2025-03-31', '2025-04-07', '2025-04-14', '2025-04-21', '2025-04-28', '2025-05-05', '2025-05-12',
    ]);
    expect(range.series.reduce((sum: number, point: any) => sum + point.orders, 0)).toBe(range.summary.totalOrders);
    expect(range.summary.totalOrders).toBeGreaterThan(0);
    // The previous period starts before the first demo day (2025-03-03) but holds its first four weeks.
    expect(range.previous.totalOrders).toBeGreaterThan(0);
    expect(range.topProducts).toHaveLength(5);
    expect(insights.crossover.sourcedCustomers).toBeGreaterThan(0);
    expect(insights.crossover.crossoverCustomers).toBeLessThanOrEqual(facts.crossoverCustomers!);
    const weeks = insights.crossover.cumulativeByWeek;
    expect(weeks.map((week: any) => [week.start, week.end])).toEqual(range.series.map((point: any) => [point.start, point.end]));
    for (let i = 1; i < weeks.length; i++) {
      expect(weeks[i].cumulativeSourcedCustomers).toBeGreaterThanOrEqual(weeks[i - 1].cumulativeSourcedCustomers);
    }
  },

  DisconnectTikTok({ data }) {
    expect(data.disconnectTikTok.connected).toBe(false);
    expect(Date.parse(data.disconnectTikTok.disconnectedAt)).not.toBeNaN();
  },

  TikTokState({ data }) {
    expect(data.shop).toEqual({ tiktok: { connected: false }, tiktokInsights: null });
  },

  async ConnectTikTok({ data }) {
    expect(data.connectTikTok.connected).toBe(true);
    // "Connecting again brings every figure back."
    const back = await send('{ shop { tiktokInsights { allTime { totalOrders } } } }', null, shopToken);
    expect(back.body.data!.shop.tiktokInsights.allTime.totalOrders).toBe(facts.allTimeOrders! + 1);
  },

  async UpdateSettings({ example, data }) {
    expect(data.updateShopSettings).toMatchObject({ id: shopId, weekStartsOn: 'SUNDAY', aovTarget: { cents: 4500 } });
    // "Every figure read afterwards follows the new settings": Sunday weeks, the new target.
    const read = `{ shop { aovTarget { cents } tiktokInsights { allTime { averageOrderValue { cents } aovBelowTarget } dateRange { start series { start } } } } }`;
    const after = (await send(read, null, shopToken)).body.data!.shop;
    expect(after.aovTarget.cents).toBe(4500);
    expect(new Date(`${after.tiktokInsights.dateRange.start}T00:00:00Z`).getUTCDay()).toBe(0);
    for (const point of after.tiktokInsights.dateRange.series) expect(new Date(`${point.start}T00:00:00Z`).getUTCDay()).toBe(0);
    const aov = after.tiktokInsights.allTime.averageOrderValue.cents;
    expect(after.tiktokInsights.allTime.aovBelowTarget).toBe(aov < 4500);
    // The guide's other examples read the shop as created: its settings back.
    const restored = await send(example.query, { input: { weekStartsOn: 'MONDAY', aovTargetCents: 4000 } }, shopToken);
    expect(restored.body.data!.updateShopSettings).toMatchObject({ weekStartsOn: 'MONDAY', aovTarget: { cents: 4000 } });
  },
};

/** What examples that show an error must also show, by operation name. */
const errorChecks: Record<string, (example: GraphQLExample) => Promise<void>> = {
  async MisspelledZone() {
    // "Nothing changes, not even the valid fields of the same call."
    const shop = (await send('{ shop { timezone currency aovTarget { cents } } }', null, shopToken)).body.data!.shop;
    expect(shop).toEqual({ timezone: DEMO_SHOP.timezone, currency: 'USD', aovTarget: { cents: 4000 } });
  },

  async MonthEndLists(example) {
    // "Ask for fewer months per request, or smaller pages ("first": 450 fits)."
    const smaller = await send(example.query, { first: 450 }, shopToken);
    expect(smaller.body.errors).toBeUndefined();
    expect(smaller.body.data!.shop.june.customers.totalCount).toBeGreaterThan(0);
  },
};

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  vi.setSystemTime(PINNED_NOW);
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  ({ shopId, token: shopToken } = await api.createShop({ name: DEMO_SHOP.name, timezone: DEMO_SHOP.timezone }));
  await addPerson(db.dataSource, shopId, 'owner@docs.test', 'owner');
  ownerCookie = (await signIn(api.server.url, 'owner@docs.test')).cookie!;
  const { orders } = generateDemo({ endDay: DEMO_END_DAY, days: 120, scale: 0.2 });
  expect(orders.length).toBeGreaterThan(500);
  for (let i = 0; i < orders.length; i += MAX_ORDERS_PER_IMPORT) {
    await importOrders(db.dataSource, shopId, orders.slice(i, i + MAX_ORDERS_PER_IMPORT));
  }
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  vi.useRealTimers();
});

describe('docs/api.md', () => {
  it('has the examples the guide promises', () => {
    const named = examples.flatMap((example) => (example.kind === 'graphql' && !example.expectCode ? [example.name] : []));
    for (const name of Object.keys(checks)) expect(named, `an example named ${name}`).toContain(name);
    const namedErrors = examples.flatMap((example) => (example.kind === 'graphql' && example.expectCode ? [example.name] : []));
    for (const name of Object.keys(errorChecks)) expect(namedErrors, `an error example named ${name}`).toContain(name);
    const codes = new Set(examples.flatMap((example) => (example.kind === 'graphql' && example.expectCode ? [example.expectCode] : [])));
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']) {
      expect(codes, `an error example of ${code}`).toContain(code);
    }
    expect(examples.filter((example) => example.kind === 'curl').length).toBeGreaterThanOrEqual(3);
  });

  describe.each(examples.map((example) => [`line ${example.line}: ${example.kind === 'graphql' ? (example.name ?? 'anonymous') : 'curl'}`, example] as const))(
    'example at %s',
    (_title, example) => {
      it('runs as documented', async () => {
        if (example.kind === 'curl') {
          const answer = await runCurl(example.command);
          expect(answer.status).toBe(example.status ?? 200);
          if (example.response !== undefined) expect(answer.body).toEqual(documented(example.response));
          if (answer.status === 200) {
            expect(answer.body.errors).toBeUndefined();
            expect(answer.body.data).toEqual(expect.any(Object));
          }
          return;
        }
        const variables = example.variables ? (fillPlaceholders(example.variables) as Record<string, unknown>) : null;
        const answer = await sendWith(example.query, variables, credentialHeaders(example.token));
        if (example.status !== null) expect(answer.status).toBe(example.status);
        if (example.response !== undefined) expect(answer.body).toEqual(documented(example.response));
        if (example.expectCode) {
          expect(example.response, 'an error example shows its response').toBeDefined();
          expect(answer.body.errors?.[0]?.extensions?.code).toBe(example.expectCode);
          if (example.name && errorChecks[example.name]) await errorChecks[example.name]!(example);
          return;
        }
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.data).toEqual(expect.any(Object));
        expect(example.name, 'an example without an expected error has an operation name').not.toBeNull();
        const check = checks[example.name!];
        expect(check, `a check for ${example.name}`).toBeDefined();
        await check!({ example, variables, answer, data: answer.body.data });
      });
    },
  );

  it('documents the answer to a body over the limit, with a token and without', async () => {
    const oversized = (bytes: number, token: string | null) =>
      fetch(`${api.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(bytes) }),
      });
    const withToken = await oversized(MAX_BODY_BYTES, shopToken);
    expect(withToken.status).toBe(413);
    expect(await withToken.json()).toEqual(responsesTo.get('oversized-body'));
    const withoutToken = await oversized(ANONYMOUS_MAX_BODY_BYTES, null);
    expect(withoutToken.status).toBe(413);
    expect(await withoutToken.json()).toEqual(responsesTo.get('oversized-anonymous-body'));
  });

  it('documents the answer to a body nested too deeply', async () => {
    const deep = '['.repeat(MAX_BODY_DEPTH) + ']'.repeat(MAX_BODY_DEPTH);
    const response = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${shopToken}` },
      body: `{"query":"{ __typename }","variables":{"deep":${deep}}}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(responsesTo.get('too-deep-body'));
  });

  it('documents the answer to too many failed authentication attempts', async () => {
    // From an address of its own (127.0.0.0/8 is all this machine), so that no other example is throttled.
    const ask = (token: string) =>
      new Promise<{ status: number; retryAfter: string | undefined; body: any }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: api.server.port, localAddress: '127.0.0.77', path: '/graphql', method: 'POST', agent: false,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ query: '{ shop { name } }' }));
      });
    let answer = await ask(`tti_wrong-${0}`);
    for (let i = 1; answer.status !== 429 && i <= DEFAULT_AUTH_THROTTLE_LIMITS.failuresPerAddress; i++) answer = await ask(`tti_wrong-${i}`);
    expect(answer.status).toBe(429);
    const seconds = Number(answer.retryAfter);
    expect(answer.body.errors[0].extensions.retryAfterSeconds).toBe(seconds);
    const documentedSeconds = (responsesTo.get('too-many-requests') as any).errors[0].extensions.retryAfterSeconds as number;
    const asDocumented = JSON.parse(JSON.stringify(answer.body).replaceAll(`in ${seconds} s`, `in ${documentedSeconds} s`).replace(`"retryAfterSeconds":${seconds}`, `"retryAfterSeconds":${documentedSeconds}`));
    expect(asDocumented).toEqual(responsesTo.get('too-many-requests'));
  });

  it('documents the answer to an unexpected error', () => {
    const format = formatErrorFor(createLogger('silent'));
    const formatted = format(
      {
        message: 'connect ECONNREFUSED 127.0.0.1:5432',
        locations: [{ line: 2, column: 3 }],
        path: ['shop'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: connect ECONNREFUSED'] },
      },
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    );
    expect({ errors: [formatted], data: null }).toEqual(responsesTo.get('unexpected-error'));
  });

  it('documents the answer to a statement stopped by the statement timeout', () => {
    const format = formatErrorFor(createLogger('silent'));
    const canceled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' });
    const formatted = format(
      {
        message: 'canceling statement due to statement timeout',
        path: ['shop', 'tiktokInsights', 'crossover'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['QueryFailedError: canceling statement due to statement timeout'] },
      },
      canceled,
    );
    expect({ errors: [formatted], data: null }).toEqual(responsesTo.get('statement-timeout'));
  });

  it('states the limits the code enforces', async () => {
    const rows = new Map<string, string>();
    for (const line of DOC.split('\n')) {
      const cells = /^\|(.+)\|$/.exec(line.trim())?.[1]?.split('|').map((cell) => cell.trim());
      if (cells && cells.length >= 2) rows.set(cells[0]!, cells[1]!);
    }
    const valueOf = (label: string) => {
      const found = [...rows.entries()].filter(([key]) => key.startsWith(label));
      expect(found, `one limits row starting "${label}"`).toHaveLength(1);
      return found[0]![1];
    };
    const n = (value: number) => value.toLocaleString('en-US');
    const schema = await buildAppSchema();
    const topProducts = (schema.getType('PeriodInsights') as GraphQLObjectType).getFields().topProducts!;
    const topDefault = topProducts.args.find((arg) => arg.name === 'first')!.defaultValue as number;

    expect(valueOf('Query depth')).toBe(n(QUERY_LIMITS.maxDepth));
    expect(valueOf('Aliases')).toBe(n(QUERY_LIMITS.maxAliases));
    expect(valueOf('Directives')).toBe(n(QUERY_LIMITS.maxDirectives));
    expect(valueOf('Tokens')).toBe(n(QUERY_LIMITS.maxTokens));
    expect(valueOf('Query cost')).toBe(n(QUERY_LIMITS.maxCost));
    expect(valueOf('`first` of a list')).toBe(`0 to ${n(MAX_PAGE_SIZE)}`);
    expect(valueOf('Default page size')).toBe(n(DEFAULT_PAGE_SIZE));
    expect(valueOf('Default `first` of `topProducts`')).toBe(n(topDefault));
    expect(valueOf('Orders per')).toBe(n(MAX_ORDERS_PER_IMPORT));
    expect(valueOf('Lines per order')).toBe(n(MAX_LINES_PER_ORDER));
    expect(valueOf('Weeks in')).toBe(n(MAX_RANGE_WEEKS));
    expect(valueOf('Request body')).toBe(`${MAX_BODY_BYTES / 1024 / 1024} MB`);
    expect(valueOf('Body of a request without a valid token')).toBe(`${ANONYMOUS_MAX_BODY_BYTES / 1024} KB`);
    expect(valueOf('Nesting of arrays and objects')).toBe(n(MAX_BODY_DEPTH));
  });
});
