import { createContext, use } from 'react';
import { graphql } from '../gql';
import type { CallerContext_CallerFragment } from '../gql/graphql';

/** What the menu and the pages ask of the caller; the caller query of the gate spreads it. */
export const CallerContextFragment = graphql(`
  fragment CallerContext_caller on Caller {
    kind
    role
    canImport
    canManage
    canSeeCustomers
  }
`);

export type Caller = CallerContext_CallerFragment;

/** Who is asking, for the active shop: what the menu and the pages offer follows from it. */
export const CallerContext = createContext<Caller | null>(null);

export function useCaller(): Caller {
  const caller = use(CallerContext);
  if (!caller) throw new Error('useCaller needs a CallerContext (the signed-in app or a shared link)');
  return caller;
}

/** A person's role in words ("Owner"), or null for callers without one. */
export function roleName(role: Caller['role']): string | null {
  return role ? role.charAt(0) + role.slice(1).toLowerCase() : null;
}
