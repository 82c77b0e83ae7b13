import { createContext, use } from 'react';
import type { Caller } from './accounts-documents';

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
