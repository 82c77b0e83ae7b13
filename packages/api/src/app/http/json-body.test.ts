import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { observeQueries } from '../../platform/database/query-observer.js';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import { ANONYMOUS_MAX_BODY_BYTES, MAX_BODY_BYTES, MAX_BODY_DEPTH } from './app.js';
import { JsonDepthGauge } from './json-body.js';

let api: TestApi;
let token: string;
useTestApiPerFile(async (started) => {
  ({ api } = started);
});

async function shopToken(): Promise<string> {
  token ??= (await api.createShop()).token;
  return token;
}

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions: { code: string } }> };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Sends the request's headers and then only the `sent` part of a body of `declaredBytes`
 * (chunked when `declaredBytes` is null), without ending the request: resolves with the answer
 * the server gives to what it has, and `closed`: when the server then closed the connection
 * (milliseconds after the answer).
 */
function sendPartOf(sent: Buffer, declaredBytes: number | null, headers: Record<string, string> = {}): Promise<Answer & { closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${api.server.url}/graphql`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        ...(declaredBytes === null ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(declaredBytes) }),
        ...headers,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const answeredAt = performance.now();
        const closed = new Promise<number>((resolveClosed) => req.socket!.once('close', () => resolveClosed(performance.now() - answeredAt)));
        resolve({ status: res.statusCode!, body: JSON.parse(text), headers: res.headers, closed });
      });
    });
    // Once answered, the server may close the connection: that error comes after the promise settled.
    req.on('error', reject);
    req.flushHeaders();
    if (sent.length > 0) req.write(sent);
  });
}

async function post(body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'], headers: Object.fromEntries(response.headers) };
}

const nested = (depth: number) => JSON.stringify({ query: '{ __typename }', variables: { deep: JSON.parse('['.repeat(depth) + ']'.repeat(depth)) } });

describe('JsonDepthGauge', () => {
  const depthOk = (max: number, ...chunks: string[]) => {
    const gauge = new JsonDepthGauge(max);
    return chunks.every((chunk) => gauge.scan(Buffer.from(chunk)));
  };

  it('counts arrays and objects, and what closes them', () => {
    expect(depthOk(3, '{"a":[{"b":1}]}')).toBe(true);
    expect(depthOk(2, '{"a":[{"b":1}]}')).toBe(false);
    expect(depthOk(2, '[[]', ',[]', ',[]]')).toBe(true);
    expect(depthOk(2, '[[', '[')).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included, across chunks', () => {
    expect(depthOk(1, '["[[[{{{"]')).toBe(true);
    expect(depthOk(1, '["a\\"[[[", "\\\\"]')).toBe(true);
    // The escape and the quote it escapes arrive in different chunks.
    expect(depthOk(1, '["x\\', '"[[[', '"]')).toBe(true);
    expect(depthOk(1, '["x\\\\', '"[[', ']]"]')).toBe(false);
    expect(depthOk(2, '{"name":"Ré[mi]"', ',"x":["é"]}')).toBe(true);
  });
});

describe('request bodies', () => {
  it('answers an unauthenticated body over the anonymous limit with 413 before reading it', async () => {
    const statements: string[] = [];
    const stop = observeQueries((sql) => statements.push(sql));
    // Only the headers are sent: the declared length alone is refused.
    const answer = await sendPartOf(Buffer.alloc(0), 20 * 1024 * 1024).finally(stop);
    expect(answer.status).toBe(413);
    // The rest of the body never comes: the connection is closed a moment after the answer.
    expect(await answer.closed).toBeLessThan(3_000);
    expect(answer.body.errors![0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.body.errors![0]!.message).toContain(`without a valid token the limit is ${ANONYMOUS_MAX_BODY_BYTES / 1024} KB`);
    // No token, nothing to look up.
    expect(statements).toEqual([]);
  });

  it('answers a chunked body without a token with 413 once it passes the anonymous limit, before its end', async () => {
    const part = Buffer.from('{"query":"{ __typename }","padding":"' + 'x'.repeat(ANONYMOUS_MAX_BODY_BYTES + 10_000));
    const answer = await sendPartOf(part, null);
    expect(answer.status).toBe(413);
    expect(answer.body.errors![0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a body over the anonymous limit with a wrong token or the admin token as a wrong or right token says', async () => {
    const wrong = await sendPartOf(Buffer.alloc(0), ANONYMOUS_MAX_BODY_BYTES + 1, { authorization: 'Bearer tti_not-a-token' });
    expect(wrong.status).toBe(413);
    expect(wrong.body.errors![0]!.message).toContain('without a valid token');
    // A valid token raises the limit: the 16 MB limit still holds.
    const over = await sendPartOf(Buffer.alloc(0), MAX_BODY_BYTES + 1, { authorization: `Bearer ${await shopToken()}` });
    expect(over.status).toBe(413);
    expect(over.body.errors![0]!.message).toBe('Request body too large: the limit is 16 MB (an import takes up to 5,000 orders).');
  });

  it('takes a body under the anonymous limit without a token', async () => {
    const body = JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(ANONYMOUS_MAX_BODY_BYTES - 100) });
    const answer = await post(body);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __typename: 'Query' });
  });

  it('takes a 5,000-order import with a shop token, looking the token up once', async () => {
    const orders = Array.from({ length: 5000 }, () => makeOrder());
    const body = JSON.stringify({ query: IMPORT_MUTATION, variables: { orders } });
    expect(body.length).toBeGreaterThan(ANONYMOUS_MAX_BODY_BYTES);
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    const auth = { authorization: `Bearer ${await shopToken()}` };
    const statements: string[] = [];
    const stop = observeQueries((sql) => statements.push(sql));
    const answer = await post(body, auth).finally(stop);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.importOrders).toEqual({ created: 5000, updated: 0, unchanged: 0 });
    expect(statements.filter((sql) => sql.includes('FROM api_token'))).toHaveLength(1);

    // Sent chunked, the size shows only while it is read: the token is looked up then.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.server.url}/graphql`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...auth } });
      req.on('response', (res) => res.resume().on('end', () => resolve(res.statusCode!)));
      req.on('error', reject);
      req.end(body);
    });
    expect(chunked).toBe(200);
  });

  it('takes a gzip body with a token, and refuses one that inflates past the anonymous limit without', async () => {
    const orders = Array.from({ length: 2000 }, () => makeOrder());
    const body = gzipSync(JSON.stringify({ query: IMPORT_MUTATION, variables: { orders } }));
    expect(body.length).toBeLessThan(ANONYMOUS_MAX_BODY_BYTES);
    const withToken = await post(body, { 'content-encoding': 'gzip', authorization: `Bearer ${await shopToken()}` });
    expect(withToken.status).toBe(200);
    expect(withToken.body.data.importOrders.created).toBe(2000);
    const without = await post(body, { 'content-encoding': 'gzip' });
    expect(without.status).toBe(413);
    expect(without.body.errors![0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const unknown = await post('{}', { 'content-encoding': 'zip' });
    expect(unknown.status).toBe(415);
    expect(unknown.body.errors![0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it(`refuses a body nested deeper than ${MAX_BODY_DEPTH} levels with 400, with or without a token`, async () => {
    const auth = { authorization: `Bearer ${await shopToken()}` };
    for (const headers of [{}, auth]) {
      const answer = await post(nested(MAX_BODY_DEPTH), headers);
      expect(answer.status).toBe(400);
      expect(answer.body.errors![0]!.extensions.code).toBe('BAD_REQUEST');
      expect(answer.body.errors![0]!.message).toBe(`Request body nested too deeply: arrays and objects may nest at most ${MAX_BODY_DEPTH} levels.`);
    }
    // The body's own object is a level: variables at MAX_BODY_DEPTH - 2 levels below it fit.
    const fits = await post(nested(MAX_BODY_DEPTH - 2), auth);
    expect(fits.status).toBe(200);
    expect(fits.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a deeply nested body as it streams, before its end', async () => {
    const answer = await sendPartOf(Buffer.from('['.repeat(100_000)), 12 * 1024 * 1024, { authorization: `Bearer ${await shopToken()}` });
    expect(answer.status).toBe(400);
    expect(await answer.closed).toBeLessThan(3_000);
    expect(answer.body.errors![0]!.message).toContain('nested too deeply');
  });

  it('answers malformed JSON and a charset other than UTF-8 with coded errors', async () => {
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors![0]).toEqual({ message: 'Malformed request body.', extensions: { code: 'BAD_REQUEST' } });
    const latin1 = await post('{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(latin1.body.errors![0]!.extensions.code).toBe('BAD_REQUEST');
    const utf8 = await post('{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=UTF-8' });
    expect(utf8.status).toBe(200);
  });
});
