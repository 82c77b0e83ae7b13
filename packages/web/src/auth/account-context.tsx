import { createContext, use } from 'react';
import type { SignedInSession } from './auth-client';

/** Where the app stands with the person's session (the cookie itself is out of the page's reach). */
export type AccountStatus =
  | { kind: 'checking' }
  /** `ended`: the server refused the session while the app was open; the sign-in page says so. */
  | { kind: 'signed-out'; ended: boolean }
  | { kind: 'signed-in'; session: SignedInSession }
  /** The session could not be asked for (no connection). */
  | { kind: 'unreachable'; error: unknown };

export interface Account {
  status: AccountStatus;
  /** Asks the server for the session again (after signing in, accepting an invitation, the first run). */
  refresh: () => Promise<void>;
  /** Ends the session on the server and forgets everything the app had loaded. */
  signOut: () => Promise<void>;
  /** The server refused the session (UNAUTHENTICATED, or 401 on an upload): back to the sign-in page saying why. */
  sessionEnded: () => void;
  /** Makes another of the person's shops the active one; every query is asked again for it. */
  switchShop: (shopId: string) => Promise<void>;
}

export const AccountContext = createContext<Account | null>(null);

export function useAccount(): Account {
  const account = use(AccountContext);
  if (!account) throw new Error('useAccount needs the App (AccountContext)');
  return account;
}

/** The signed-in person's session and the account's actions (inside the signed-in part of the app). */
export function useSession(): Account & { session: SignedInSession } {
  const account = useAccount();
  if (account.status.kind !== 'signed-in') throw new Error('useSession needs a signed-in person');
  return { ...account, session: account.status.session };
}
