import type { RequestContext } from '../../platform/graphql/context.js';
import type { SharedLinkSecrets } from '../shared-links/shared-link-access.js';
import type { Viewer } from './viewer.js';

/** What the accounts' resolvers need beyond a shop's scope; the app builds it once. */
export interface AccountServices {
  /** The address people open: shared links' URLs start with it. */
  baseUrl: string;
  mailConfigured: boolean;
  sharedLinkSecrets: SharedLinkSecrets;
}

/** The request context as the app builds it (app/graphql/request-context.ts), with the caller itself. */
export interface AccountsContext extends RequestContext {
  viewer(): Promise<Viewer>;
  accounts: AccountServices;
}
