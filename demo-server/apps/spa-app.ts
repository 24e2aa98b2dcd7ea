import { Hono, type Context } from 'hono';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import { credentials, logInAtIdp } from './backend-login.ts';
import { escapeHtml, page } from './html.ts';
import { addJwtCookieDrop, JWT_COOKIE_DROP_PATH } from './jwt-cookie-drop.ts';
import { OAuthLogin, REDIRECT_PATH } from './oauth-login.ts';
import type { ServerSessionFactory } from './server-sessions.ts';
import { loginFromBearerJwt, loginFromJwtCookie, userOf, type LoginState } from './token-cookies.ts';

/**
 * What an SPA that logs in at the identity provider does with the JWT:
 * - `idp-cookie`: nothing; the identity provider's cookie carries it to the API;
 * - `local-storage`: keeps it in localStorage and sends it as a bearer token;
 * - `cookie-drop`: hands it to its backend, which stores it in an HttpOnly cookie.
 */
export type SpaJwtHandling = 'idp-cookie' | 'local-storage' | 'cookie-drop';

/**
 * Where the SPA logs in: straight at the identity provider (its login URL, and its refresh URL when
 * the SPA refreshes there), at its own backend, which calls the identity provider and keeps the
 * login as `session` says, or (`oauth`) at the identity provider's login page, with its backend as
 * the confidential client that receives the code and keeps the login as `session` says.
 */
export type SpaLogin =
  | { at: 'idp'; login: string; refresh?: string; jwt: SpaJwtHandling }
  | { at: 'backend' | 'oauth'; session: ServerSessionFactory };

/**
 * A single-page app and its JSON API (the SPA workflows). The API recognises the user by a valid JWT
 * for this app (in a cookie, or as a bearer token) or by the backend's own session; the script in
 * /_assets/spa.js does the rest in the browser: login form, refresh after a 401, and back to the
 * form when the refresh is refused.
 */
export function spaApp(profile: AppProfile, services: AppServices, login: SpaLogin): Hono<AppBindings> {
  const app = new Hono<AppBindings>();
  const docsOrigin = services.hosts.origin('docs');
  const backend = login.at === 'idp' ? null : login.session(profile, services);
  const oauth = login.at === 'oauth' && backend ? new OAuthLogin(profile, services, { refreshToken: backend.renewable }) : null;
  const jwt = login.at === 'idp' ? login.jwt : null;
  const endpoints =
    login.at === 'idp'
      ? { login: login.login, ...(login.refresh ? { refresh: login.refresh } : {}) }
      : { login: oauth ? '/login' : '/api/login', ...(backend?.renewable ? { refresh: '/api/refresh' } : {}), ...(backend?.end ? { logout: '/api/logout' } : {}) };
  const currentLogin = (c: Context<AppBindings>): Promise<LoginState> => {
    if (backend) return backend.current(c);
    return jwt === 'local-storage' ? loginFromBearerJwt(c, profile, services.verifier) : loginFromJwtCookie(c, profile, services.verifier);
  };

  app.get('/', (c) =>
    c.html(
      page({
        title: profile.name,
        theme: profile.role,
        docsOrigin,
        scripts: ['/_assets/spa.js'],
        mainAttributes: {
          'data-app-name': profile.name,
          'data-application-id': profile.applicationId,
          'data-login-url': endpoints.login,
          ...(oauth ? { 'data-login-kind': 'redirect' } : {}),
          ...('refresh' in endpoints ? { 'data-refresh-url': endpoints.refresh } : {}),
          ...('logout' in endpoints ? { 'data-logout-url': endpoints.logout } : {}),
          ...(jwt === 'local-storage' ? { 'data-jwt-storage': 'local-storage' } : {}),
          ...(jwt === 'cookie-drop' ? { 'data-jwt-cookie-url': JWT_COOKIE_DROP_PATH } : {}),
          'data-api': profile.api,
          'data-content-kind': profile.content.kind,
          'data-content-title': profile.content.title,
          'data-reload-label': profile.reloadLabel,
        },
        main: `<h1>${profile.name}</h1>\n<p class="tagline">${escapeHtml(profile.tagline)}</p>\n<section id="view" aria-live="polite"><p>Loading…</p></section>`,
      }),
    ),
  );

  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  // Who is logged in, for the SPA's first look after every page load: 404 when the browser presents
  // no login ("nobody is logged in" is the normal state of a fresh page, not an error), but 401 when
  // it presents one that has lapsed, so the SPA refreshes it where it can instead of asking for the
  // password again.
  app.get('/api/user', async (c) => {
    const login = await currentLogin(c);
    if (login.state === 'valid') return c.json({ user: login.user });
    if (login.state === 'expired') return c.json({ error: 'Your login has expired.' }, 401);
    return c.json({ error: 'Nobody is logged in.' }, 404);
  });

  app.get(profile.api, async (c) => {
    const user = userOf(await currentLogin(c));
    return user ? c.json(profile.content.json(user)) : c.json({ error: `This API needs a valid login for the ${profile.name}.` }, 401);
  });

  if (jwt === 'cookie-drop') addJwtCookieDrop(app, profile, services);

  if (oauth && backend) {
    // The SPA's "Log in" is a link here: the backend starts the grant and the browser leaves the SPA.
    app.get('/login', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.redirect(oauth.begin(c), 302);
    });

    app.get(REDIRECT_PATH, async (c) => {
      c.header('Cache-Control', 'no-store');
      const outcome = await oauth.complete(c);
      if (!outcome.ok) {
        const main = `<h1>${profile.name}</h1>\n<p class="message" role="alert">${escapeHtml(outcome.message)}</p>\n<p><a href="/">Back to the ${profile.name}</a></p>`;
        return c.html(page({ title: `Login failed · ${profile.name}`, theme: profile.role, docsOrigin, main }), outcome.status);
      }
      backend.begin(c, outcome.login);
      // Back to the SPA, which starts again and finds the login through /api/user.
      return c.redirect('/', 302);
    });
  }

  if (backend && !oauth) {
    app.post('/api/login', async (c) => {
      const form = credentials.safeParse(await c.req.json().catch(() => null));
      if (!form.success) return c.json({ error: 'Enter your email and password.' }, 400);
      const outcome = await logInAtIdp(services, profile, form.data);
      if (!outcome.ok) return c.json({ error: outcome.message }, outcome.status);
      backend.begin(c, outcome.login);
      // The user only: the tokens stay in the backend and in HttpOnly cookies.
      return c.json({ user: { id: outcome.login.user?.id, email: outcome.login.user?.email } });
    });

  }

  if (backend) {
    if (backend.renewable) {
      app.post('/api/refresh', async (c) => {
        const user = await backend.renew(c);
        return user ? c.json({ user }) : c.json({ error: 'Log in again.' }, 401);
      });
    }

    if (backend.end) {
      app.post('/api/logout', async (c) => {
        await backend.end?.(c);
        // An OAuth app's browser goes on to the identity provider's logout, which ends its session too.
        return c.json({ loggedOut: true, ...(oauth ? { next: oauth.logoutUrl() } : {}) });
      });
    }
  }

  app.notFound((c) => c.json({ error: 'Not found.' }, 404));
  return app;
}
