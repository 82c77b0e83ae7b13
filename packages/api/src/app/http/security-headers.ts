import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers of every answer (helmet): `X-Content-Type-Options: nosniff`, a Referrer-Policy,
 * `X-Frame-Options: DENY`, helmet's other defaults, and a Content-Security-Policy for what is
 * answered:
 *
 * - the dashboard (the SPA and its assets): its own files only, no inline script or style;
 * - `/graphql` opened in a browser (Apollo Sandbox): Apollo's embed script and the page's own inline
 *   script and styles, by their hashes, and Apollo's sandbox frame;
 * - a shared link's page (`/shared/…`): the dashboard's, but any site may frame it, so that a seller
 *   can embed their read-only dashboard (it holds no personal data and no session: the visitor's
 *   calls carry the link's own token);
 * - `/graphiql`: its own files, plus the inline styles its editor (Monaco) writes while it runs;
 * - everything else (GraphQL answers, /api/*, /healthz, /readyz, errors): nothing at all.
 *
 * No Strict-Transport-Security: the server does not know whether it is reached over HTTPS (nothing
 * in it decides that yet); a proxy that ends TLS may add it.
 */

const SELF = "'self'";
const NONE = "'none'";

/** What no page of ours does: be framed, take a `<base>`, post a form elsewhere, embed a plugin. */
const PAGE_BASICS = {
  'base-uri': [NONE],
  'form-action': [SELF],
  'frame-ancestors': [NONE],
  'object-src': [NONE],
} as const;

/**
 * The dashboard: its scripts, styles and fonts are files of its build; it talks to its own API.
 * chart.js sizes its canvases through `element.style`, which a CSP does not govern, so no
 * `'unsafe-inline'` is needed for styles.
 */
export const DASHBOARD_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': [SELF],
  'script-src': [SELF],
  'style-src': [SELF],
  'img-src': [SELF, 'data:'],
  'font-src': [SELF],
  'connect-src': [SELF],
  ...PAGE_BASICS,
};

/** A shared link's page: the dashboard, framed by any site that embeds it. */
export const SHARED_LINK_CSP: Readonly<Record<string, readonly string[]>> = { ...DASHBOARD_CSP, 'frame-ancestors': ['*'] };

/**
 * GraphiQL (a developer's page, served only when built): scripts and workers are files of its
 * build. Its editor, Monaco, positions every line with an inline `style` attribute and adds
 * `<style>` elements as it runs (themes, decorations): styles it makes at run time, which no hash
 * or nonce can name, so styles (not scripts) are allowed inline on this page only.
 */
export const GRAPHIQL_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': [SELF],
  'script-src': [SELF],
  'style-src': [SELF, "'unsafe-inline'"],
  'img-src': [SELF, 'data:'],
  'font-src': [SELF, 'data:'],
  'connect-src': [SELF],
  'worker-src': [SELF],
  ...PAGE_BASICS,
};

/** Answers that are data (JSON, CSV, errors): nothing may load or frame them. */
export const API_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': [NONE],
  'frame-ancestors': [NONE],
};

/** The host of the script that Apollo's landing page loads: Apollo Sandbox's embed. */
export const APOLLO_SANDBOX_SCRIPT_ORIGIN = 'https://embeddable-sandbox.cdn.apollographql.com';
/** The frame that the embed script opens: Sandbox itself. */
export const APOLLO_SANDBOX_FRAME_ORIGIN = 'https://sandbox.embed.apollographql.com';
/** The landing page's favicon and web manifest. */
const APOLLO_LANDING_PAGE_ASSETS_ORIGIN = 'https://apollo-server-landing-page.cdn.apollographql.com';

/** The inline `<script>`s (those without `src`) and `<style>`s of a page, as CSP hash sources. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes]) => !/\bsrc\s*=/i.test(attributes!))
    .map(([, , text]) => hash(text!));
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(([, text]) => hash(text!));
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

/**
 * The CSP of Apollo's landing page, from the page itself: it is rendered once here as Apollo serves
 * it, and its inline script and styles are allowed by their SHA-256 hashes. Their text is the same
 * on every request (only the nonce of Apollo's own `<meta>` CSP changes, in attributes, which a hash
 * does not cover), so the hashes hold for every request. Both policies apply in the browser: ours
 * narrows Apollo's (one script host instead of three, no other frame, nothing else inline).
 * Null when the server shows no landing page.
 */
export async function apolloLandingPageCsp<T extends BaseContext>(apollo: ApolloServer<T>): Promise<Record<string, string[]> | null> {
  const page = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'GET', headers: new HeaderMap([['accept', 'text/html']]), search: '', body: undefined },
    context: () => Promise.reject(new Error('The landing page needs no context.')),
  });
  if (!page.headers.get('content-type')?.startsWith('text/html') || page.body.kind !== 'complete') return null;
  const { scripts, styles } = inlineHashes(page.body.string);
  return {
    'default-src': [NONE],
    'script-src': [...scripts, APOLLO_SANDBOX_SCRIPT_ORIGIN],
    // The page's Source Sans Pro stylesheet and font, as Apollo's own CSP allows them.
    'style-src': [...styles, 'https://fonts.googleapis.com'],
    'font-src': ['https://fonts.gstatic.com'],
    // Its favicon and manifest; the embed script adds its own favicon when the server has none.
    'img-src': [APOLLO_LANDING_PAGE_ASSETS_ORIGIN, APOLLO_SANDBOX_SCRIPT_ORIGIN],
    'manifest-src': [APOLLO_LANDING_PAGE_ASSETS_ORIGIN],
    'frame-src': [APOLLO_SANDBOX_FRAME_ORIGIN],
    // Sandbox sends the operations from this page (its frame hands them over), to this server.
    'connect-src': [SELF],
    'base-uri': [NONE],
    'form-action': [NONE],
    'frame-ancestors': [NONE],
    'object-src': [NONE],
  };
}

/** The media types Apollo Server chooses among for a GET (ApolloServer.prefersHTML), in its order. */
const GRAPHQL_GET_MEDIA_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'multipart/mixed; deferSpec=20220824',
  'multipart/mixed; incrementalSpec=v0.2',
  'multipart/mixed',
  'text/html',
];

/** Whether Apollo Server answers this request with its landing page: a GET preferring HTML (the same negotiation). */
export function prefersLandingPage(req: Request): boolean {
  return req.method === 'GET' && !!req.headers.accept && req.accepts(GRAPHQL_GET_MEDIA_TYPES) === 'text/html';
}

function headersWith(
  csp: Readonly<Record<string, readonly string[]>>,
  overrides: Pick<HelmetOptions, 'referrerPolicy' | 'crossOriginOpenerPolicy' | 'xFrameOptions'> = {},
): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
    ...overrides,
  }) as RequestHandler;
}

export interface SecurityHeaderPages {
  /** The landing page's CSP (apolloLandingPageCsp), or null without one. */
  landingPage: Readonly<Record<string, readonly string[]>> | null;
  /** Whether /graphiql serves GraphiQL. */
  graphiql: boolean;
}

/** The middleware: the headers of every answer, with the CSP of what the request gets. */
export function securityHeaders(pages: SecurityHeaderPages): RequestHandler {
  const dashboard = headersWith(DASHBOARD_CSP);
  const api = headersWith(API_CSP);
  const graphiql = headersWith(GRAPHIQL_CSP);
  const sharedLink = headersWith(SHARED_LINK_CSP, { xFrameOptions: false });
  // The Sandbox frame's address already carries this endpoint's URL, so a referrer tells Apollo
  // nothing more; the browser's default is kept here so that nothing in Apollo's frame (which
  // cannot be tried without internet) misses it. Popups of the frame (Apollo's sign-in) keep
  // their opener.
  const landingPage = pages.landingPage
    ? headersWith(pages.landingPage, {
        referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
        crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
      })
    : null;
  return (req, res, next) => {
    const path = req.path;
    if (/^\/graphql(\/|$)/.test(path)) return (landingPage && prefersLandingPage(req) ? landingPage : api)(req, res, next);
    if (pages.graphiql && /^\/graphiql(\/|$)/.test(path)) return graphiql(req, res, next);
    // As the SPA's fallback route: these paths are never the dashboard.
    if (/^\/(graphql|healthz|readyz|api(\/|$))/.test(path)) return api(req, res, next);
    if (/^\/shared\/[^/]+\/?$/.test(path)) return sharedLink(req, res, next);
    return dashboard(req, res, next);
  };
}
