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
 * Signed in to the dashboard in the same browser, the session cookie goes with every request; a
 * script's API key goes in the Headers tab instead.
 */
const headers = JSON.stringify({}, null, 2);

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() })}
      defaultQuery={'# Signed in to the dashboard? Run it (Ctrl-Enter). With an API key, add\n# { "Authorization": "Bearer <key>" } in the Headers tab below first.\n{\n  shop {\n    name\n  }\n}\n'}
      initialHeaders={headers}
      defaultHeaders={headers}
      defaultEditorToolsVisibility="headers"
    />
  </StrictMode>,
);
