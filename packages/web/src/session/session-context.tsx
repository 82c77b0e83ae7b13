import { createContext, use } from 'react';

export interface Session {
  token: string;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in shop's token and the sign-out action. */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession needs a signed-in SessionContext');
  return session;
}
