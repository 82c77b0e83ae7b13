import type { DataSource } from 'typeorm';
import { startServer, type AppDeps, type RunningServer } from '../app/http/app.js';
import { createLogger, type Logger } from '../platform/logging/logger.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijkl';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestApi {
  server: RunningServer;
  /** POSTs a GraphQL operation as JSON, with `Authorization: Bearer <token>` when given. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  createShop(input?: Record<string, unknown>): Promise<{ shopId: string; token: string }>;
  close(): Promise<void>;
}

export async function startTestApi(
  dataSource: DataSource,
  options: { logger?: Logger; server?: Pick<AppDeps, 'imports' | 'jobs' | 'webDistDir' | 'trustProxy' | 'signInLimits' | 'authThrottle' | 'publicUrl' | 'mailer'> } = {},
): Promise<TestApi> {
  const server = await startServer(
    { dataSource, logger: options.logger ?? createLogger('silent'), adminToken: TEST_ADMIN_TOKEN, webDistDir: null, ...options.server },
    0,
    '127.0.0.1',
  );
  const gql: TestApi['gql'] = async (query, variables, token) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    return { status: response.status, ...body } as GraphQLResponse<any>;
  };
  return {
    server,
    gql,
    async createShop(input = {}) {
      const result = await gql(
        `mutation ($input: CreateShopInput!) { createShop(input: $input) { shop { id } token } }`,
        { input: { name: 'Test Boutique', timezone: 'America/Chicago', ...input } },
        TEST_ADMIN_TOKEN,
      );
      if (!result.data) throw new Error(`createShop failed: ${JSON.stringify(result.errors)}`);
      return { shopId: result.data.createShop.shop.id, token: result.data.createShop.token };
    },
    close: () => server.stop(),
  };
}
