import autocannon from 'autocannon';

export interface LatencyReport {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  requestsPerSecond: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * POSTs one GraphQL document with autocannon (a kept load generator) and reports exact
 * percentiles from every response's own latency.
 */
export async function loadGraphQL(options: {
  url: string;
  token: string;
  query: string;
  variables?: Record<string, unknown>;
  connections: number;
  amount?: number;
  duration?: number;
}): Promise<LatencyReport> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  // Without a callback autocannon returns its instance, which is also a promise of the result.
  const instance = autocannon({
    url: `${options.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({ query: options.query, variables: options.variables ?? {} }),
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode !== 200) errors += 1;
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: errors + result.errors + result.timeouts,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((sum, l) => sum + l, 0) / Math.max(latencies.length, 1),
    requestsPerSecond: latencies.length / seconds,
  };
}

/** One GraphQL request, with its time in ms; throws on errors. */
export async function graphql<T = any>(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return { data: body.data as T, ms: performance.now() - started };
}
