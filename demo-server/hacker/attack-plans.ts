import { decodeJwt } from 'jose';
import type { AppProfile } from '../apps/app-profiles.ts';
import type { DemoHosts } from '../hosts.ts';
import type { AttackKind, ScriptLoot } from '../protocol.ts';
import type { Run } from '../runs/run.ts';
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

/**
 * The reader's run, as an attack may use it: to open a link in the reader's browser, to watch the
 * identity provider's redirects, or to keep a refresh token the hacker got for a later attack.
 */
export type AttackedRun = Pick<Run, 'lure' | 'watchNextCode' | 'hackerRefreshToken'>;

/** Everything an attack works with. */
export interface AttackContext {
  hacker: Hacker;
  /** The token copied from the reader's browser, as the plan's `stolen` names it ('' for attacks that copy nothing). */
  stolen: string;
  target: AttackTarget;
  hosts: DemoHosts;
  run: AttackedRun;
  /** The hacker's own account at the identity provider (a login-CSRF link carries its code). */
  hackerAccount: { email: string; password: string };
  /** The Store's public client id, with which a stolen refresh token of the browser-only client is redeemed. */
  browserClientId: string;
  /** What a script injected into the reader's page got (the `xss-` attacks). */
  loot: ScriptLoot;
}

/** Where the hacker's copy of a token comes from: what the reader's browser holds for one host. */
export interface StolenToken {
  credential: HeldToken;
  sentTo: Exclude<HostRole, 'docs'>;
  /** How the reader would name it: "the access_token cookie your browser sends to the Store". */
  description: string;
}

/** One attack of an article's "Attack vectors" section, carried out for real. */
export interface AttackPlan {
  kind: AttackKind;
  /** What the hacker copies from the reader's browser first, if anything. */
  stolen?: StolenToken;
  carryOut(attack: AttackContext): Promise<AttackOutcome>;
}

export const HOST_NAMES: Record<StolenToken['sentTo'], string> = { store: 'the Store', forums: 'the Forums', api: "the Store's API", idp: 'the identity provider', 'idp-own-domain': 'the identity provider' };

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

export const answer = (response: HackerResponse) => `${response.status}${response.location ? ` → ${response.location}` : ''}`;

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

/** The Store's resource behind the login that a thief asks for: the page (server-rendered apps) or the API (SPAs). */
export type StoreResource = 'page' | 'api';

/** A JWT replayed against the Store's protected resource works until the JWT expires. */
export function stolenJwt(resource: StoreResource, carrier: JwtCarrier = 'cookie'): AttackPlan {
  return {
    kind: 'stolen-jwt',
    stolen: carrier === 'cookie' ? stolenCookie('access_token') : STOLEN_BEARER_JWT,
    async carryOut({ hacker, stolen, target }) {
      const response = await hacker({ to: 'store', method: 'GET', path: target.store[resource], ...withJwt(stolen, carrier) });
      return response.status === 200
        ? { succeeded: true, summary: 'The Store accepted the stolen JWT and handed over the shopping cart: a valid token is all it checks.' }
        : { succeeded: false, summary: `The Store refused the stolen JWT (${answer(response)}): ${whyRefused(stolen, target)}.` };
    },
  };
}

/** A session id replayed against the Store's page (or API) works while the session lives on the server. */
export function stolenSession(resource: StoreResource): AttackPlan {
  return {
    kind: 'stolen-session',
    stolen: stolenCookie('SessionId'),
    async carryOut({ hacker, stolen, target: { store } }) {
      const response = await hacker({ to: 'store', method: 'GET', path: store[resource], cookies: { SessionId: stolen } });
      return response.status === 200
        ? { succeeded: true, summary: 'The Store found a live session under the stolen id and handed over the shopping cart.' }
        : { succeeded: false, summary: `The Store refused the stolen session id (${answer(response)}): the session has expired or was ended at logout.` };
    },
  };
}

/** What the Store's page hands any browser whose refresh token it has just refreshed, as the summary names it. */
const PAGE_REFRESH_REWARDS = { access_token: 'a fresh JWT cookie', SessionId: 'a session of their own' } as const;

/**
 * Server-rendered apps that refresh in their backend: the Store's own page turns a stolen refresh
 * token into a cart and the login cookie it `issues` to any logged-in browser (a fresh JWT, a session).
 */
export function stolenRefreshTokenOnPage(issues: keyof typeof PAGE_REFRESH_REWARDS): AttackPlan {
  const reward = PAGE_REFRESH_REWARDS[issues];
  return {
    kind: 'stolen-refresh-token',
    stolen: stolenCookie('refresh_token'),
    async carryOut({ hacker, stolen, target: { store } }) {
      const response = await hacker({ to: 'store', method: 'GET', path: store.page, cookies: { refresh_token: stolen } });
      return response.status === 200
        ? { succeeded: true, summary: `The Store refreshed the stolen refresh token at the identity provider, then gave the hacker the shopping cart and ${reward}.` }
        : { succeeded: false, summary: `The Store could not refresh the stolen refresh token and answered ${answer(response)}: it has expired or been revoked.` };
    },
  };
}

/**
 * What an SPA's refresh endpoint hands back for a refresh token: a new login cookie (a JWT or a
 * session id), or a JWT in its JSON body, which the SPA then sends as a bearer token.
 */
export type RefreshIssues = 'access_token' | 'SessionId' | 'json-jwt';

/** Where an SPA refreshes: the identity provider's refresh API, or its own backend's. */
export type RefreshEndpoint = 'idp' | 'backend';

/** The host that refreshes, the path, and how the summary names it. */
const REFRESH_ENDPOINTS = {
  idp: { to: 'idp', path: '/api/jwt/refresh', who: 'The identity provider' },
  backend: { to: 'store', path: '/api/refresh', who: "The Store's backend" },
} as const;

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

/**
 * The thief calls the SPA's refresh endpoint directly with the stolen cookie, then the Store's API
 * with what it got back. `stolenFrom` is the host whose requests carried the refresh token cookie the
 * hacker copied: the Store, unless the cookie stays host-only on the login host.
 */
export function stolenRefreshTokenAtEndpoint(endpoint: RefreshEndpoint, issues: RefreshIssues, stolenFrom: StolenToken['sentTo'] = 'store'): AttackPlan {
  const { to, path, who } = REFRESH_ENDPOINTS[endpoint];
  const what = issues === 'SessionId' ? 'a new session' : 'a new JWT';
  return {
    kind: 'stolen-refresh-token',
    stolen: stolenCookie('refresh_token', stolenFrom),
    async carryOut({ hacker, stolen, target }) {
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
