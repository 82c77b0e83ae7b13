import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { print, type DocumentNode } from 'graphql';
import { FULL_DASHBOARD_QUERY } from '@tiktok-insights/api/testing';

const GENERATED = fileURLToPath(new URL('../packages/web/src/gql/graphql.ts', import.meta.url));

/**
 * The operation the dashboard sends when a seller opens the TikTok tab: the SPA's route query as
 * GraphQL Code Generator compiled it from the components' fragments (run the web `codegen` first).
 */
export async function dashboardDocument(): Promise<{ query: string; variables: Record<string, unknown>; source: string }> {
  if (existsSync(GENERATED)) {
    const generated = (await import(GENERATED)) as Record<string, unknown>;
    const document = generated.TikTokInsightsPageDocument as DocumentNode | undefined;
    if (document) return { query: print(document), variables: {}, source: "the SPA's first-load query (TikTokInsightsPage)" };
  }
  return {
    query: FULL_DASHBOARD_QUERY,
    variables: {},
    source: "the API tests' full dashboard query (the SPA's generated TikTokInsightsPage document was not found)",
  };
}
