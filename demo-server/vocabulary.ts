/**
 * The words every part of the demo server shares: hosts, who sends a request, which token a
 * browser holds, how the login host treats cookies, and how the hacker names a run. Types and
 * constants only, importing nothing but protocol.ts, so any layer may depend on it.
 */
import type { Actor } from './protocol.ts';

/**
 * The hosts of the demo world, all on one port: the docs, the two apps and two ways to reach the
 * identity provider: `idp` under the apps' parent domain, `idp-own-domain` on a registrable domain
 * of its own (a different site to the browser), and `api`, the Store's resource server, which
 * accepts only access tokens and no cookies.
 */
export type HostRole = 'docs' | 'store' | 'forums' | 'api' | 'idp' | 'idp-own-domain';
export type AppRole = 'store' | 'forums';
export type LoginRole = 'idp' | 'idp-own-domain';

/** Who answers on each host, named as in the diagrams. */
export const ROLE_ACTORS: Record<Exclude<HostRole, 'docs'>, Actor> = { store: 'Store', forums: 'Forums', api: 'API', idp: 'IdP', 'idp-own-domain': 'IdP' };

/** Who can start a request the demo records: the reader's browser, or the hacker's client. */
export type RequestingActor = 'Browser' | 'Hacker';

/**
 * A token a browser holds: a cookie, by name, the bearer token its page script sends in the
 * Authorization header, or the authorization code it last carried to an app's redirect URI.
 */
export type HeldToken = { cookie: string } | { bearer: true } | { code: true };

/**
 * What the login host does to the identity provider's Set-Cookie headers. FusionAuth sets host-only
 * cookies; `parent-domain` is the rewriting proxy the same-domain SPA workflow needs, so the
 * browser sends the token cookies to every host under the parent domain.
 */
export type CookieDomainPolicy = 'host-only' | 'parent-domain';

/**
 * The hacker's client has no cookies of the reader; it names the run in these headers instead.
 * Only the demo server's own hacker sends them, and a run id cannot be guessed.
 */
export const HACKER_ACTOR_HEADER = 'x-demo-actor';
export const HACKER_RUN_HEADER = 'x-demo-run';
