import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import type { AppUser } from './demo-content.ts';
import { escapeHtml, page } from './html.ts';
import { OAuthLogin, REDIRECT_PATH } from './oauth-login.ts';
import { SessionStore } from './session-store.ts';

// The two backends of today's browser-app patterns that run the OAuth flow themselves as
// confidential clients (code + PKCE + client secret): a backend-for-frontend, which keeps every
// token and forwards the SPA's API calls, and a token-mediating backend, which keeps the refresh
// token and hands the SPA access tokens to call the API itself.

type AppContext = Context<AppBindings>;

/** The browser's only credential: host-only, Secure, HttpOnly, SameSite=Strict, Path=/ (the `__Host-` prefix makes the browser insist on all but the last two). */
export const SESSION_COOKIE = '__Host-session';
/**
 * Every call of the SPA to its backend carries this header. Page script from another origin can
 * only add it after a CORS preflight, which these backends never answer, so a cross-site request
 * that rides the session cookie is refused before it does anything.
 */
export const CSRF_HEADER = 'x-csrf';
/** The SPA's path for the API calls a backend-for-frontend forwards: /api/store/<path on the API>. */
export const FORWARDED_API_PREFIX = '/api/store/';
/** The API paths a backend-for-frontend forwards, and nothing else. */
const FORWARDED_API_PATHS = new Set(['/cart']);

interface BackendLogin {
  user: AppUser;
  accessToken: string;
  refreshToken: string | undefined;
}

export type BrowserAppBackend = 'backend-for-frontend' | 'token-mediating';

const cookieAttributes = { path: '/', httpOnly: true, secure: true, sameSite: 'Strict' } as const;

/**
 * A backend of one of the two patterns for the Store's SPA. Both log in the same way and keep the
 * login in a server session; they differ in what the SPA gets: a forwarded API (`backend-for-frontend`)
 * or access tokens (`token-mediating`).
 */
export function browserAppBackend(pattern: BrowserAppBackend, profile: AppProfile, services: AppServices): Hono<AppBindings> {
  const app = new Hono<AppBindings>();
  const oauth = new OAuthLogin(profile, services, { refreshToken: true });
  const sessions = new SessionStore<BackendLogin>();
  const now = (c: AppContext) => Date.now() + c.env.run.clockOffsetSeconds * 1000;
  const current = (c: AppContext) => {
    const id = getCookie(c, SESSION_COOKIE);
    return id === undefined ? { id, login: null } : { id, login: sessions.resume(id, c.env.run.id, now(c)) };
  };

  /** A fresh access token for the session, renewed with its refresh token when the old one has expired. */
  const accessTokenOf = async (c: AppContext, login: BackendLogin, forceRenewal = false): Promise<string | null> => {
    const valid = !forceRenewal && (await services.verifier.check(login.accessToken, profile.applicationId, c.env.run.clockOffsetSeconds)).state === 'valid';
    if (valid) return login.accessToken;
    if (!login.refreshToken) return null;
    try {
      const renewed = await services.refreshTokens(profile)(login.refreshToken);
      if (!renewed.token) return null;
      login.accessToken = renewed.token;
      login.refreshToken = renewed.refreshToken ?? login.refreshToken;
      return renewed.token;
    } catch {
      return null;
    }
  };

  app.get('/', (c) =>
    c.html(
      page({
        title: profile.name,
        theme: profile.role,
        docsOrigin: services.hosts.origin('docs'),
        scripts: ['/_assets/spa.js'],
        mainAttributes: {
          'data-app-name': profile.name,
          'data-login-url': '/login',
          'data-login-kind': 'redirect',
          'data-csrf-header': CSRF_HEADER,
          // Public facts any script on the page could learn from the login redirect; the attacks' script uses them.
          'data-oauth-client-id': profile.applicationId,
          'data-idp-origin': services.hosts.origin('idp'),
          'data-logout-url': '/api/logout',
          ...(pattern === 'backend-for-frontend'
            ? { 'data-api': `${FORWARDED_API_PREFIX}cart` }
            : { 'data-api': `${services.hosts.origin('api')}/cart`, 'data-token-url': '/api/token' }),
          'data-content-kind': profile.content.kind,
          'data-content-title': profile.content.title,
          'data-reload-label': profile.reloadLabel,
        },
        main: `<h1>${profile.name}</h1>\n<p class="tagline">${escapeHtml(profile.tagline)}</p>\n<section id="view" aria-live="polite"><p>Loading…</p></section>`,
      }),
    ),
  );

  app.get('/login', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.redirect(oauth.begin(c), 302);
  });

  app.get(REDIRECT_PATH, async (c) => {
    c.header('Cache-Control', 'no-store');
    const outcome = await oauth.complete(c);
    if (!outcome.ok || !outcome.login.token || !outcome.login.user?.id) {
      const message = outcome.ok ? 'The identity provider answered without a usable token.' : outcome.message;
      const main = `<h1>${profile.name}</h1>\n<p class="message" role="alert">${escapeHtml(message)}</p>\n<p><a href="/">Back to the ${profile.name}</a></p>`;
      return c.html(page({ title: `Login failed · ${profile.name}`, theme: profile.role, docsOrigin: services.hosts.origin('docs'), main }), outcome.ok ? 502 : outcome.status);
    }
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) sessions.revoke(previous);
    const user = { id: outcome.login.user.id, email: outcome.login.user.email ?? outcome.login.user.id };
    setCookie(c, SESSION_COOKIE, sessions.create(c.env.run.id, { user, accessToken: outcome.login.token, refreshToken: outcome.login.refreshToken }, now(c)), cookieAttributes);
    return c.redirect('/', 302);
  });

  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (c.req.header(CSRF_HEADER) !== '1') return c.json({ error: `Refused: calls to the ${profile.name}'s backend must come from its own page (the ${CSRF_HEADER} header is missing).` }, 403);
    return next();
  });

  app.get('/api/user', (c) => {
    const { id, login } = current(c);
    if (login) return c.json({ user: login.user });
    return id === undefined ? c.json({ error: 'Nobody is logged in.' }, 404) : c.json({ error: 'Your session has ended.' }, 401);
  });

  if (pattern === 'backend-for-frontend') {
    // The SPA's API calls, forwarded with the session's access token to allow-listed paths of the
    // Store's API only: never another host or port, never the browser's cookies.
    app.get(`${FORWARDED_API_PREFIX}*`, async (c) => {
      const apiOrigin = services.hosts.origin('api');
      const rest = c.req.path.slice(FORWARDED_API_PREFIX.length);
      const target = URL.canParse(rest, `${apiOrigin}/`) ? new URL(rest, `${apiOrigin}/`) : null;
      if (!target || target.origin !== apiOrigin || !FORWARDED_API_PATHS.has(target.pathname) || /%2e|%2f|%5c/i.test(rest)) {
        return c.json({ error: 'This backend forwards only to the Store API paths it knows.' }, 403);
      }
      const { id, login } = current(c);
      if (!login) return c.json({ error: 'Log in first.' }, 401);
      let token = await accessTokenOf(c, login);
      let answer = token ? await services.api(target.pathname, token) : null;
      // The API may judge the token expired a moment before this backend would: renew once and retry.
      if (answer?.status === 401) {
        token = await accessTokenOf(c, login, true);
        answer = token ? await services.api(target.pathname, token) : null;
      }
      if (!answer) {
        // The refresh token is spent or expired: the session is over, here as in the browser.
        if (id !== undefined) sessions.revoke(id);
        deleteCookie(c, SESSION_COOKIE, cookieAttributes);
        return c.json({ error: 'Your session has ended. Log in again.' }, 401);
      }
      return c.body(answer.body, answer.status as 200, { 'Content-Type': 'application/json; charset=utf-8' });
    });
  } else {
    // The token-mediating backend's one job after the login: an access token for the SPA, renewed
    // here with the refresh token, which never leaves the server.
    app.post('/api/token', async (c) => {
      const { login } = current(c);
      if (!login) return c.json({ error: 'Log in first.' }, 401);
      const token = await accessTokenOf(c, login, c.req.query('renew') === '1');
      return token ? c.json({ access_token: token, token_type: 'Bearer' }) : c.json({ error: 'Your session has ended. Log in again.' }, 401);
    });
  }

  app.post('/api/logout', async (c) => {
    const { id, login } = current(c);
    if (id !== undefined) sessions.revoke(id);
    if (login?.refreshToken) await services.client.revokeRefreshTokenByToken(login.refreshToken).catch(() => {});
    deleteCookie(c, SESSION_COOKIE, cookieAttributes);
    return c.json({ loggedOut: true, next: oauth.logoutUrl() });
  });

  app.notFound((c) => c.json({ error: 'Not found.' }, 404));
  return app;
}
