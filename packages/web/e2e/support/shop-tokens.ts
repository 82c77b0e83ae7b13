import { ApiClient } from './api-client.js';
import type { DashboardEnvironment } from './environment.js';

/** The admin token the e2e environment starts the API with (support/environment.ts). */
const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdefghijklm';

const admin = (env: DashboardEnvironment) => new ApiClient(env.url, E2E_ADMIN_TOKEN);

/** Another API token for the demo shop, as each `pnpm start` issues one for its sign-in link. */
export async function issueShopToken(env: DashboardEnvironment, label: string): Promise<{ token: string; tokenId: string }> {
  const { createShopToken } = await admin(env).gql<{ createShopToken: { token: string; tokenId: string } }>(
    'mutation ($shopId: ID!, $label: String) { createShopToken(shopId: $shopId, label: $label) { token tokenId } }',
    { shopId: env.shopId, label },
  );
  return createShopToken;
}

/** Revokes a token at once, as the next `pnpm start` does with the previous sign-in link (of the demo shop unless told). */
export async function revokeShopToken(env: DashboardEnvironment, tokenId: string, shopId: string = env.shopId): Promise<void> {
  const { revokeShopToken: revoked } = await admin(env).gql<{ revokeShopToken: boolean }>(
    'mutation ($shopId: ID!, $tokenId: ID!) { revokeShopToken(shopId: $shopId, tokenId: $tokenId) }',
    { shopId, tokenId },
  );
  if (!revoked) throw new Error(`token ${tokenId} was not live`);
}
