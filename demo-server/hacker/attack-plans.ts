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
  stolenCookie: 'access_token' | 'refresh_token';
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

/**
 * Server-rendered apps that refresh tokens in their backend: the Store's own page turns a stolen
 * refresh token into a cart and a fresh JWT cookie.
 */
export const serverRefreshAttacks: AttackPlan[] = [
  {
    kind: 'stolen-refresh-token',
    stolenCookie: 'refresh_token',
    async carryOut(hacker, stolen, { store }) {
      const response = await hacker({ to: 'store', method: 'GET', path: store.page, cookies: { refresh_token: stolen } });
      return response.status === 200
        ? {
            succeeded: true,
            summary: 'The Store refreshed the stolen refresh token at the identity provider, then gave the hacker the shopping cart and a fresh JWT cookie.',
          }
        : { succeeded: false, summary: `The Store could not refresh the stolen refresh token and answered ${answer(response)}: it has expired or been revoked.` };
    },
  },
  stolenJwt((store) => store.page),
];

/**
 * SPAs whose tokens are cookies set by the identity provider: the thief calls the provider's
 * refresh endpoint directly, then the Store's API with the JWT it got back.
 */
export const idpRefreshAttacks: AttackPlan[] = [
  {
    kind: 'stolen-refresh-token',
    stolenCookie: 'refresh_token',
    async carryOut(hacker, stolen, target) {
      const refreshed = await hacker({ to: 'idp', method: 'POST', path: '/api/jwt/refresh', cookies: { refresh_token: stolen }, json: {} });
      const jwt = refreshed.cookies['access_token'];
      if (refreshed.status !== 200 || !jwt) {
        return { succeeded: false, summary: `The identity provider refused the stolen refresh token (${answer(refreshed)}): it has expired or been revoked.` };
      }
      const cart = await hacker({ to: 'store', method: 'GET', path: target.store.api, cookies: { access_token: jwt } });
      return cart.status === 200
        ? { succeeded: true, summary: 'The identity provider swapped the stolen refresh token for a new JWT, and the Store accepted it: the hacker has the shopping cart.' }
        : { succeeded: false, summary: `The identity provider issued a new JWT, but the Store refused it (${answer(cart)}): ${whyRefused(jwt, target)}.` };
    },
  },
  stolenJwt((store) => store.api),
];
