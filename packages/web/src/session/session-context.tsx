import { createContext, use } from 'react';

export interface Session {
  token: string;
  signOut: () => void;
  /**
   * The API refused the token on a route outside GraphQL (an answer of 401): the app shows the
   * sign-in page saying why, as it does for a refused GraphQL answer (the same path).
   */
  tokenRefused: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in shop's token, the sign-out action, and what to do when the API refuses the token. */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession needs a signed-in SessionContext');
  return session;
}
