import { decodeJwt } from 'jose';
import type { AppProfile } from '../apps/app-profiles.ts';
import type { AttackKind } from '../protocol.ts';
import type { HeldToken, HostRole } from '../vocabulary.ts';
import type { Hacker, HackerRequest, HackerResponse } from './hacker-client.ts';

export interface AttackOutcome {
  succeeded: boolean;
  summary: string;
}

/** What an attack is aimed at: the Store, at the run's time. */
export interface AttackTarget {
  store: AppProfile;
  clockOffsetSeconds: number;
}

/** Where the hacker's copy of a token comes from: what the reader's browser holds for one host. */
export interface StolenToken {
  credential: HeldToken;
  sentTo: Exclude<HostRole, 'docs'>;
  /** How the reader would name it: "the access_token cookie your browser sends to the Store". */
  description: string;
}

/** One attack of an article's "Attack vectors" section, replayed for real. */
export interface AttackPlan {
  kind: AttackKind;
  stolen: StolenToken;
  carryOut(hacker: Hacker, stolen: string, target: AttackTarget): Promise<AttackOutcome>;
}

const HOST_NAMES: Record<StolenToken['sentTo'], string> = { store: 'the Store', forums: 'the Forums', idp: 'the identity provider', 'idp-own-domain': 'the identity provider' };

function stolenCookie(cookie: 'access_token' | 'refresh_token' | 'SessionId', sentTo: StolenToken['sentTo'] = 'store'): StolenToken {
  return { credential: { cookie }, sentTo, description: `the ${cookie} cookie your browser sends to ${HOST_NAMES[sentTo]}` };
}

const STOLEN_BEARER_JWT: StolenToken = {
  credential: { bearer: true },
  sentTo: 'store',
  description: "the JWT the Store's page script keeps in localStorage and sends in the Authorization header",
};

/** How a JWT travels to the Store's API in a workflow: in the access_token cookie, or as a bearer token. */
export type JwtCarrier = 'cookie' | 'bearer';

const withJwt = (jwt: string, carrier: JwtCarrier): Pick<HackerRequest, 'cookies' | 'bearer'> =>
  carrier === 'cookie' ? { cookies: { access_token: jwt } } : { cookies: {}, bearer: jwt };

const answer = (response: HackerResponse) => `${response.status}${response.location ? ` → ${response.location}` : ''}`;

/** Why the Store turned a JWT down, read from its claims (the hacker's view, no signature check). */
function whyRefused(jwt: string, target: AttackTarget): string {
  try {
    const claims = decodeJwt(jwt);
    const audiences = [claims.aud ?? []].flat();
    if (!audiences.includes(target.store.applicationId)) return 'it was issued for another application';
    if (claims.exp !== undefined && claims.exp * 1000 <= Date.now() + target.clockOffsetSeconds * 1000) return 'it has expired';
  } catch {
    return 'it is not a JWT';
  }
  return 'it is not valid';
}

/** A JWT replayed against the Store's protected resource works until the JWT expires. */
function stolenJwt(resource: (store: AppProfile) => string, carrier: JwtCarrier = 'cookie'): AttackPlan {
  return {
    kind: 'stolen-jwt',
    stolen: carrier === 'cookie' ? stolenCookie('access_token') : STOLEN_BEARER_JWT,
    async carryOut(hacker, stolen, target) {
      const response = await hacker({ to: 'store', method: 'GET', path: resource(target.store), ...withJwt(stolen, carrier) });
      return response.status === 200
        ? { succeeded: true, summary: 'The Store accepted the stolen JWT and handed over the shopping cart: a valid token is all it checks.' }
        : { succeeded: false, summary: `The Store refused the stolen JWT (${answer(response)}): ${whyRefused(stolen, target)}.` };
    },
  };
}

/** A session id replayed against the Store's page (or API) works while the session lives on the server. */
function stolenSession(resource: (store: AppProfile) => string): AttackPlan {
  return {
    kind: 'stolen-session',
    stolen: stolenCookie('SessionId'),
    async carryOut(hacker, stolen, { store }) {
      const response = await hacker({ to: 'store', method: 'GET', path: resource(store), cookies: { SessionId: stolen } });
      return response.status === 200
        ? { succeeded: true, summary: 'The Store found a live session under the stolen id and handed over the shopping cart.' }
        : { succeeded: false, summary: `The Store refused the stolen session id (${answer(response)}): the session has expired or was ended at logout.` };
    },
  };
}

/** Server-rendered apps with a server session: only the session id is worth stealing. */
export const serverSessionAttacks: AttackPlan[] = [stolenSession((store) => store.page)];

/**
 * Server-rendered apps that refresh in their backend: the Store's own page turns a stolen refresh
 * token into a cart and `reward`, what it hands any logged-in browser (a fresh JWT cookie, a session).
 */
function serverRefresh(reward: string): AttackPlan {
  return {
    kind: 'stolen-refresh-token',
    stolen: stolenCookie('refresh_token'),
    async carryOut(hacker, stolen, { store }) {
      const response = await hacker({ to: 'store', method: 'GET', path: store.page, cookies: { refresh_token: stolen } });
      return response.status === 200
        ? { succeeded: true, summary: `The Store refreshed the stolen refresh token at the identity provider, then gave the hacker the shopping cart and ${reward}.` }
        : { succeeded: false, summary: `The Store could not refresh the stolen refresh token and answered ${answer(response)}: it has expired or been revoked.` };
    },
  };
}

export const serverRefreshAttacks: AttackPlan[] = [serverRefresh('a fresh JWT cookie'), stolenJwt((store) => store.page)];

/** Server sessions renewed from a refresh token cookie: either cookie opens the cart. */
export const serverSessionRefreshAttacks: AttackPlan[] = [serverRefresh('a session of their own'), stolenSession((store) => store.page)];

/**
 * What an SPA's refresh endpoint hands back for a refresh token: a new login cookie (a JWT or a
 * session id), or a JWT in its JSON body, which the SPA then sends as a bearer token.
 */
type RefreshIssues = 'access_token' | 'SessionId' | 'json-jwt';

interface SpaRefresh {
  /** The host that refreshes, the path, and how the summary names it. */
  to: 'idp' | 'store';
  path: string;
  who: string;
  issues: RefreshIssues;
  /** Whose requests carried the refresh token cookie the hacker copied. */
  stolenFrom: StolenToken['sentTo'];
}

/** Reads the new login out of a refresh answer, and says how to present it to the Store. */
function issuedLogin(refreshed: HackerResponse, issues: RefreshIssues): Pick<HackerRequest, 'cookies' | 'bearer'> | null {
  if (issues !== 'json-jwt') {
    const value = refreshed.cookies[issues];
    return value ? { cookies: { [issues]: value } } : null;
  }
  try {
    const token: unknown = (JSON.parse(refreshed.body) as { token?: unknown }).token;
    return typeof token === 'string' ? withJwt(token, 'bearer') : null;
  } catch {
    return null;
  }
}

/** The thief calls the SPA's refresh endpoint directly with the stolen cookie, then the Store's API with what it got back. */
function spaRefresh({ to, path, who, issues, stolenFrom }: SpaRefresh): AttackPlan {
  const what = issues === 'SessionId' ? 'a new session' : 'a new JWT';
  return {
    kind: 'stolen-refresh-token',
    stolen: stolenCookie('refresh_token', stolenFrom),
    async carryOut(hacker, stolen, target) {
      const refreshed = await hacker({ to, method: 'POST', path, cookies: { refresh_token: stolen }, json: {} });
      const login = refreshed.status === 200 ? issuedLogin(refreshed, issues) : null;
      if (!login) {
        return { succeeded: false, summary: `${who} refused the stolen refresh token (${answer(refreshed)}): it has expired or been revoked.` };
      }
      const cart = await hacker({ to: 'store', method: 'GET', path: target.store.api, ...login });
      if (cart.status === 200) {
        return { succeeded: true, summary: `${who} swapped the stolen refresh token for ${what}, and the Store's API accepted it: the hacker has the shopping cart.` };
      }
      const jwt = login.bearer ?? login.cookies['access_token'];
      const why = jwt ? whyRefused(jwt, target) : 'the session did not last';
      return { succeeded: false, summary: `${who} issued ${what}, but the Store refused it (${answer(cart)}): ${why}.` };
    },
  };
}

const IDP_REFRESH = { to: 'idp', path: '/api/jwt/refresh', who: 'The identity provider' } as const;
const BACKEND_REFRESH = { to: 'store', path: '/api/refresh', who: "The Store's backend", stolenFrom: 'store' } as const;

/** SPAs whose token cookies the identity provider sets and refreshes. */
export const idpRefreshAttacks: AttackPlan[] = [
  spaRefresh({ ...IDP_REFRESH, issues: 'access_token', stolenFrom: 'store' }),
  stolenJwt((store) => store.api),
];

/**
 * SPAs that keep the JWT in localStorage and send it as a bearer token; the refresh token cookie
 * stays on the identity provider's host, so that is where a thief's copy comes from.
 */
export const localStorageJwtAttacks: AttackPlan[] = [
  spaRefresh({ ...IDP_REFRESH, issues: 'json-jwt', stolenFrom: 'idp' }),
  stolenJwt((store) => store.api, 'bearer'),
];

/** SPAs whose backend only turns a JWT into an HttpOnly cookie: the JWT cookie is all there is to steal. */
export const jwtCookieOnlyAttacks: AttackPlan[] = [stolenJwt((store) => store.api)];

/** SPAs whose backend logs in and refreshes for them, keeping both tokens in cookies. */
export const spaBackendRefreshAttacks: AttackPlan[] = [spaRefresh({ ...BACKEND_REFRESH, issues: 'access_token' }), stolenJwt((store) => store.api)];

/** SPAs whose backend keeps a server session: the session id opens the Store's API. */
export const spaSessionAttacks: AttackPlan[] = [stolenSession((store) => store.api)];

/** SPAs whose backend keeps a server session and renews it from a refresh token cookie. */
export const spaSessionRefreshAttacks: AttackPlan[] = [
  spaRefresh({ ...BACKEND_REFRESH, issues: 'SessionId' }),
  stolenSession((store) => store.api),
];
