import type { Account } from '../auth/account-context';
import type { Caller } from '../auth/caller-context';
import type { ShopRole } from '../gql/graphql';

/** A signed-in person's account for pages rendered on their own; `overrides` replaces its actions. */
export function signedInAccount(overrides: Partial<Account> = {}): Account {
  return {
    status: { kind: 'signed-in', session: { user: { id: 'user-1', name: 'Rosie Lane', email: 'rosie@example.com' }, activeShopId: 'shop-1' } },
    refresh: async () => undefined,
    signOut: async () => undefined,
    sessionEnded: () => undefined,
    switchShop: async () => undefined,
    ...overrides,
  };
}

/** The caller a person of this role is, as the API answers `caller`. */
export function personCaller(role: ShopRole): Caller {
  const manager = role !== 'VIEWER';
  return { __typename: 'Caller', kind: 'PERSON', role, canImport: manager, canManage: manager, canSeeCustomers: true };
}

/** A shared link's visitor. */
export const sharedLinkCaller: Caller = { __typename: 'Caller', kind: 'SHARED_LINK', role: null, canImport: false, canManage: false, canSeeCustomers: false };
