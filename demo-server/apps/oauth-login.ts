import type { AccessToken, LoginResponse } from '@fusionauth/typescript-client';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import { SessionStore } from './session-store.ts';
import { userFromJwt } from './token-cookies.ts';

type AppContext = Context<AppBindings>;

/** Where the identity provider sends the browser back with the code; registered for both apps. */
export const REDIRECT_PATH = '/oauth-redirect';
/** The HttpOnly cookie that ties a login under way to the browser that started it. */
export const PENDING_LOGIN_COOKIE = 'oauth_login';
const PENDING_LOGIN_SECONDS = 10 * 60;

interface PendingLogin {
  state: string;
  codeVerifier: string;
}

export type OAuthOutcome = { ok: true; login: LoginResponse } | { ok: false; status: 400 | 403 | 502; message: string };

const random = () => randomBytes(32).toString('base64url');
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The app's side of the authorization code grant, as RFC 9700 asks of a confidential client: a
 * one-time `state` and a PKCE S256 pair per login, kept on the server under a random handle that
 * only the browser which started the login holds; the code is redeemed with the verifier and the
 * client secret through the FusionAuth client.
 */
export class OAuthLogin {
  readonly #pending = new SessionStore<PendingLogin>({ idleSeconds: PENDING_LOGIN_SECONDS, absoluteSeconds: PENDING_LOGIN_SECONDS });
  readonly #profile: AppProfile;
  readonly #services: AppServices;
  readonly #scope: string;

  /** `refreshToken`: whether the app keeps a refresh token; only then does it ask for one (offline_access). */
  constructor(profile: AppProfile, services: AppServices, { refreshToken }: { refreshToken: boolean }) {
    this.#profile = profile;
    this.#services = services;
    this.#scope = refreshToken ? 'openid offline_access' : 'openid';
  }

  get redirectUri(): string {
    return `${this.#services.hosts.origin(this.#profile.role)}${REDIRECT_PATH}`;
  }

  /** Starts a login: remembers state and verifier for this browser and answers with the authorize URL to redirect to. */
  begin(c: AppContext): string {
    const pending: PendingLogin = { state: random(), codeVerifier: random() };
    const handle = this.#pending.create(c.env.run.id, pending, Date.now());
    setCookie(c, PENDING_LOGIN_COOKIE, handle, { ...cookieAttributes(c), maxAge: PENDING_LOGIN_SECONDS });
    const authorize = new URL('/oauth2/authorize', this.#services.hosts.origin('idp'));
    authorize.search = new URLSearchParams({
      client_id: this.#profile.applicationId,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: this.#scope,
      state: pending.state,
      code_challenge: createHash('sha256').update(pending.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return authorize.href;
  }

  /**
   * Finishes a login at the redirect URI: the `state` must be the one this browser's login was
   * started with (login CSRF otherwise), then the code is exchanged with that login's verifier.
   * Either way the pending login is spent.
   */
  async complete(c: AppContext): Promise<OAuthOutcome> {
    const handle = getCookie(c, PENDING_LOGIN_COOKIE);
    const pending = handle ? this.#pending.resume(handle, c.env.run.id, Date.now()) : null;
    if (handle) {
      this.#pending.revoke(handle);
      deleteCookie(c, PENDING_LOGIN_COOKIE, cookieAttributes(c));
    }
    const { code, state, error } = c.req.query();
    if (!pending || typeof state !== 'string' || !sameText(state, pending.state)) {
      return { ok: false, status: 403, message: `This login was not started in this browser, so the ${this.#profile.name} refused it.` };
    }
    if (error !== undefined || !code) return { ok: false, status: 400, message: 'The identity provider did not log you in.' };
    let tokens: AccessToken;
    try {
      const { response } = await this.#services.client.exchangeOAuthCodeForAccessTokenUsingPKCE(
        code, this.#profile.applicationId, this.#profile.clientSecret, this.redirectUri, pending.codeVerifier,
      );
      tokens = response;
    } catch (failure) {
      const status = (failure as { statusCode?: number }).statusCode;
      return status === 400 || status === 401
        ? { ok: false, status: 400, message: 'The identity provider did not accept the code: log in again.' }
        : { ok: false, status: 502, message: 'The identity provider could not be reached. Try again.' };
    }
    const user = await userFromJwt(c, tokens.access_token, this.#profile, this.#services.verifier);
    if (!user || !tokens.access_token) return { ok: false, status: 502, message: 'The identity provider answered with an unusable token.' };
    return { ok: true, login: { token: tokens.access_token, refreshToken: tokens.refresh_token, user: { id: user.id, email: user.email } } };
  }

  /** Where the browser goes after the app's own logout: the identity provider's, which ends its session and sends it back home. */
  logoutUrl(): string {
    const logout = new URL('/oauth2/logout', this.#services.hosts.origin('idp'));
    logout.search = new URLSearchParams({ client_id: this.#profile.applicationId, post_logout_redirect_uri: `${this.#services.hosts.origin(this.#profile.role)}/` }).toString();
    return logout.href;
  }
}

const cookieAttributes = (c: AppContext) =>
  ({ path: REDIRECT_PATH, httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' }) as const;
