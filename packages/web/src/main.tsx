import { ApolloProvider } from '@apollo/client/react';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo-client';
import { readToken, saveToken, signOut } from './session';
import { ShopOverview } from './shop-overview';
import { SignIn } from './sign-in';

function App() {
  const [token, setToken] = useState<string | null>(() => readToken());
  const client = useMemo(() => (token ? createApolloClient(token) : null), [token]);
  if (!token || !client) {
    return (
      <SignIn
        onSignIn={(value) => {
          saveToken(value);
          setToken(value);
        }}
      />
    );
  }
  return (
    <ApolloProvider client={client}>
      <ShopOverview
        onSignOut={() => {
          signOut();
          setToken(null);
        }}
      />
    </ApolloProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
