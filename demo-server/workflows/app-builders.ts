import { serverRenderedApp } from '../apps/server-rendered-app.ts';
import type { AppServices } from '../apps/app-services.ts';
import { browserAppBackend, type BrowserAppBackend } from '../apps/browser-app-backends.ts';
import { browserOnlyClient } from '../apps/browser-only-client.ts';
import { serverSession, withLogout, type ServerSessionFactory } from '../apps/server-sessions.ts';
import { refreshAtTokenEndpoint } from '../apps/token-refresh.ts';
import { spaApp, type SpaJwtHandling } from '../apps/spa-app.ts';
import type { LoginRole } from '../vocabulary.ts';
import type { AppBuilder } from './workflow.ts';

/** A server-rendered app whose backend logs in and keeps the login as `session` says (`apps/server-sessions.ts`). */
export const serverRendered =
  (session: ServerSessionFactory): AppBuilder =>
  (profile, services) =>
    serverRenderedApp(profile, services, session);

/** An SPA that posts its login form to its own backend, which keeps the login as `session` says. */
export const spaLoggingInAtBackend =
  (session: ServerSessionFactory): AppBuilder =>
  (profile, services) =>
    spaApp(profile, services, { at: 'backend', session });

export interface IdpLogin {
  /** The login host the SPA calls: under the apps' parent domain, or on the identity provider's own domain. */
  host: LoginRole;
  /** Whether the SPA refreshes the JWT at the identity provider. */
  refresh: boolean;
  jwt: SpaJwtHandling;
}

/** An SPA that posts its login form straight to the identity provider's Login API. */
export const spaLoggingInAtIdp =
  ({ host, refresh, jwt }: IdpLogin): AppBuilder =>
  (profile, services) => {
    const idp = services.hosts.origin(host);
    return spaApp(profile, services, { at: 'idp', login: `${idp}/api/login`, ...(refresh ? { refresh: `${idp}/api/jwt/refresh` } : {}), jwt });
  };

/** OAuth clients authenticate at the token endpoint, refreshes included. */
const asOAuthClient = (services: AppServices): AppServices => ({ ...services, refreshTokens: refreshAtTokenEndpoint(services.client) });

/**
 * A server-rendered app that logs in through the identity provider's login page (authorization code
 * grant with PKCE), keeps the login as `session` says, and logs out of both itself and the provider.
 */
export const serverRenderedWithOAuth =
  (session: ServerSessionFactory): AppBuilder =>
  (profile, services) =>
    serverRenderedApp(profile, asOAuthClient(services), withLogout(session), 'oauth');

/** An SPA whose backend is the OAuth client: it receives the code, keeps the login as `session` says, and sends the browser back to the SPA. */
export const spaWithOAuthBackend =
  (session: ServerSessionFactory): AppBuilder =>
  (profile, services) =>
    spaApp(profile, asOAuthClient(services), { at: 'oauth', session: withLogout(session) });

/**
 * One of today's patterns for the Store's SPA (the IETF's browser-based-apps document): a
 * backend-for-frontend, a token-mediating backend, or a browser-only OAuth client calling the Store's
 * API itself. The Forums stay a server-rendered OAuth app with a session, so single sign-on still shows.
 */
export const storeSpaPattern =
  (pattern: BrowserAppBackend | 'browser-only'): AppBuilder =>
  (profile, services) => {
    if (profile.role === 'forums') return serverRenderedWithOAuth(serverSession)(profile, services);
    if (pattern !== 'browser-only') return browserAppBackend(pattern, profile, asOAuthClient(services));
    if (!profile.browserClientId) throw new Error(`The ${profile.name} has no public OAuth client for a browser-only SPA.`);
    return browserOnlyClient(profile, services, profile.browserClientId);
  };
