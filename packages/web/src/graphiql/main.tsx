// GraphiQL's editors (Monaco) run their language services in web workers, which Vite bundles from
// these imports like the rest of the page: nothing is loaded from another host.
import 'graphiql/setup-workers/vite';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './graphiql-page.css';

/**
 * GraphiQL served by the API at /graphiql, built into the dashboard's dist as a page of its own:
 * it works without internet (unlike Apollo Sandbox on /graphql), and the dashboard never loads it.
 * A `#token=` in the address (as in the printed sign-in link) fills the Authorization header.
 */
function tokenFromAddress(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  // Out of the address bar, so that it is not shared with a screenshot or a copied link.
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return decodeURIComponent(match[1]);
}

const token = tokenFromAddress();
const headers = JSON.stringify({ Authorization: `Bearer ${token ?? '<shop token>'}` }, null, 2);

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() })}
      defaultQuery={'# Send the shop token in the Headers tab below, then run (Ctrl-Enter).\n{\n  shop {\n    name\n  }\n}\n'}
      initialHeaders={headers}
      defaultHeaders={headers}
      defaultEditorToolsVisibility="headers"
    />
  </StrictMode>,
);
