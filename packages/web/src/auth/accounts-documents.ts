import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

/*
 * The accounts part of the schema (caller, API keys, shared links, server info) is served by the
 * API from the accounts release on; until packages/api/schema.graphql has it, codegen cannot
 * check these documents, so they are typed here by hand after ACCOUNTS-API.md. Once the schema
 * has them, they move to `graphql()` beside their components like every other document.
 */

export type ShopRole = 'OWNER' | 'ADMIN' | 'VIEWER';
export type ApiKeyScope = 'READ' | 'IMPORT';
export type CallerKind = 'PERSON' | 'API_KEY' | 'SHARED_LINK';

export interface Caller {
  __typename?: 'Caller';
  kind: CallerKind;
  role: ShopRole | null;
  canImport: boolean;
  canManage: boolean;
  canSeeCustomers: boolean;
}

export const CallerQuery: TypedDocumentNode<{ caller: Caller }, Record<string, never>> = parse(`
  query Caller {
    caller {
      kind
      role
      canImport
      canManage
      canSeeCustomers
    }
  }
`);

export const ServerInfoQuery: TypedDocumentNode<{ serverInfo: { __typename?: 'ServerInfo'; mailConfigured: boolean } }, Record<string, never>> = parse(`
  query ServerInfo {
    serverInfo {
      mailConfigured
    }
  }
`);

export interface ApiKey {
  __typename?: 'ApiKey';
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: string | null;
}

const API_KEY_FIELDS = `
  id
  name
  scope
  prefix
  createdAt
  lastUsedAt
  createdBy
`;

export const ApiKeysQuery: TypedDocumentNode<{ apiKeys: ApiKey[] }, Record<string, never>> = parse(`
  query ApiKeys {
    apiKeys {${API_KEY_FIELDS}}
  }
`);

export const CreateApiKeyMutation: TypedDocumentNode<
  { createApiKey: { __typename?: 'CreatedApiKey'; key: string; apiKey: ApiKey } },
  { input: { name: string; scope: ApiKeyScope } }
> = parse(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {${API_KEY_FIELDS}}
    }
  }
`);

export const RevokeApiKeyMutation: TypedDocumentNode<{ revokeApiKey: { __typename?: 'ApiKey'; id: string } }, { id: string }> = parse(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
    }
  }
`);

export interface SharedLink {
  __typename?: 'SharedLink';
  id: string;
  name: string;
  prefix: string;
  hasPassword: boolean;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

const SHARED_LINK_FIELDS = `
  id
  name
  prefix
  hasPassword
  expiresAt
  createdAt
  lastUsedAt
`;

export const SharedLinksQuery: TypedDocumentNode<{ sharedLinks: SharedLink[] }, Record<string, never>> = parse(`
  query SharedLinks {
    sharedLinks {${SHARED_LINK_FIELDS}}
  }
`);

export const CreateSharedLinkMutation: TypedDocumentNode<
  { createSharedLink: { __typename?: 'CreatedSharedLink'; url: string; sharedLink: SharedLink } },
  { input: { name: string; password?: string | null; expiresAt?: string | null } }
> = parse(`
  mutation CreateSharedLink($input: CreateSharedLinkInput!) {
    createSharedLink(input: $input) {
      url
      sharedLink {${SHARED_LINK_FIELDS}}
    }
  }
`);

export const RevokeSharedLinkMutation: TypedDocumentNode<{ revokeSharedLink: { __typename?: 'SharedLink'; id: string } }, { id: string }> = parse(`
  mutation RevokeSharedLink($id: ID!) {
    revokeSharedLink(id: $id) {
      id
    }
  }
`);
