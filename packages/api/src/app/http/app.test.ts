import { expect, it } from 'vitest';
import { type TestApi } from '../../test-support/api-client.js';
import { makeOrder } from '../../test-support/order-factory.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import { MAX_BODY_BYTES } from './app.js';

let api: TestApi;
useTestApiPerFile((started) => ({ api } = started));

it('answers /healthz and /readyz', async () => {
  const health = await fetch(`${api.server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${api.server.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
});

it('takes a 5,000-order import body and answers a larger body with 413', async () => {
  const orders = Array.from({ length: 5000 }, () => makeOrder());
  const body = JSON.stringify({ query: 'mutation ($o: [OrderInput!]!) { importOrders(orders: $o) { created } }', variables: { o: orders } });
  expect(body.length).toBeLessThan(MAX_BODY_BYTES);
  const huge = JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(MAX_BODY_BYTES) });
  const response = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: huge,
  });
  expect(response.status).toBe(413);
  const json = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
  expect(json.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
});

it('answers malformed JSON with 400, not 500', async () => {
  const response = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query": ',
  });
  expect(response.status).toBe(400);
});

it('refuses a simple cross-site GET without a preflight header (CSRF prevention)', async () => {
  const response = await fetch(`${api.server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
  expect(response.status).toBe(400);
  const allowed = await fetch(`${api.server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  expect(allowed.status).toBe(200);
});
