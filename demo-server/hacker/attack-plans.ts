import { decodeJwt } from 'jose';
import type { AppProfile } from '../apps/app-profiles.ts';
import type { AttackKind } from '../protocol.ts';
import type { Hacker, HackerResponse } from './hacker-client.ts';

export interface AttackOutcome {
  succeeded: boolean;
  summary: string;
}

/** What an attack is aimed at: the Store, at the run's time. */
export interface AttackTarget {
  store: AppProfile;
  clockOffsetSeconds: number;
}

/** One attack of an article's "Attack vectors" section, replayed for real. */
export interface AttackPlan {
  kind: AttackKind;
  /** The cookie the hacker copied from what the reader's browser sent to the Store. */
  stolenCookie: 'access_token' | 'refresh_token' | 'SessionId';
  carryOut(hacker: Hacker, stolen: string, target: AttackTarget): Promise<AttackOutcome>;
}

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
function stolenJwt(resource: (store: AppProfile) => string): AttackPlan {
  return {
    kind: 'stolen-jwt',
    stolenCookie: 'access_token',
    async carryOut(hacker, stolen, target) {
      const response = await hacker({ to: 'store', method: 'GET', path: resource(target.store), cookies: { access_token: stolen } });
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
    stolenCookie: 'SessionId',
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
    stolenCookie: 'refresh_token',
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
 * SPAs whose refresh endpoint answers a refresh token cookie with a new login cookie (`issued`: a JWT,
 * or a session id): the thief calls that endpoint directly (the identity provider's, or the SPA
 * backend's), then the Store's API with the cookie it got back.
 */
function spaRefresh(to: 'idp' | 'store', path: string, who: string, issued: 'access_token' | 'SessionId' = 'access_token'): AttackPlan {
  const what = issued === 'access_token' ? 'a new JWT' : 'a new session';
  return {
    kind: 'stolen-refresh-token',
    stolenCookie: 'refresh_token',
    async carryOut(hacker, stolen, target) {
      const refreshed = await hacker({ to, method: 'POST', path, cookies: { refresh_token: stolen }, json: {} });
      const login = refreshed.cookies[issued];
      if (refreshed.status !== 200 || !login) {
        return { succeeded: false, summary: `${who} refused the stolen refresh token (${answer(refreshed)}): it has expired or been revoked.` };
      }
      const cart = await hacker({ to: 'store', method: 'GET', path: target.store.api, cookies: { [issued]: login } });
      if (cart.status === 200) {
        return { succeeded: true, summary: `${who} swapped the stolen refresh token for ${what}, and the Store's API accepted it: the hacker has the shopping cart.` };
      }
      const why = issued === 'access_token' ? whyRefused(login, target) : 'the session did not last';
      return { succeeded: false, summary: `${who} issued ${what}, but the Store refused it (${answer(cart)}): ${why}.` };
    },
  };
}

/** SPAs whose token cookies the identity provider sets and refreshes. */
export const idpRefreshAttacks: AttackPlan[] = [spaRefresh('idp', '/api/jwt/refresh', 'The identity provider'), stolenJwt((store) => store.api)];

/** SPAs whose backend logs in and refreshes for them, keeping both tokens in cookies. */
export const spaBackendRefreshAttacks: AttackPlan[] = [spaRefresh('store', '/api/refresh', "The Store's backend"), stolenJwt((store) => store.api)];

/** SPAs whose backend keeps a server session: the session id opens the Store's API. */
export const spaSessionAttacks: AttackPlan[] = [stolenSession((store) => store.api)];

/** SPAs whose backend keeps a server session and renews it from a refresh token cookie. */
export const spaSessionRefreshAttacks: AttackPlan[] = [
  spaRefresh('store', '/api/refresh', "The Store's backend", 'SessionId'),
  stolenSession((store) => store.api),
];
