import { serverRenderedApp } from '../apps/server-rendered-app.ts';
import type { ServerSessionFactory } from '../apps/server-sessions.ts';
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
