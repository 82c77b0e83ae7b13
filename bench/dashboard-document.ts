import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, visit, type ArgumentNode, type DocumentNode, type VariableDefinitionNode } from 'graphql';
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

/**
 * The same operation read as of a past day: `tiktokInsights(asOf: $asOf)` with the variable
 * declared, as an integrator's month-end report would send it.
 */
export function withAsOf(query: string): string {
  const document = parse(query);
  const edited = visit(document, {
    OperationDefinition(node) {
      const asOf: VariableDefinitionNode = {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'asOf' } },
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Date' } },
      };
      return { ...node, variableDefinitions: [...(node.variableDefinitions ?? []), asOf] };
    },
    Field(node) {
      if (node.name.value !== 'tiktokInsights') return undefined;
      const argument: ArgumentNode = {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'asOf' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'asOf' } },
      };
      return { ...node, arguments: [...(node.arguments ?? []), argument] };
    },
  });
  return print(edited);
}
