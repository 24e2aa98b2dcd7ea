import { Hono } from 'hono';
import type { AppBindings } from '../server/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import { escapeHtml, page } from './html.ts';
import { userFromJwtCookie } from './token-cookies.ts';

/** Where the SPA sends its login form and its refresh call (full URLs). */
export interface SpaEndpoints {
  login: string;
  refresh: string;
}

/**
 * A single-page app and its JSON API (the SPA workflows). The API recognises the user by a valid
 * JWT for this app in the `access_token` cookie; the script in /_assets/spa.js does the rest in the
 * browser: login form, refresh after a 401, and back to the form when the refresh is refused.
 */
export function spaApp(profile: AppProfile, services: AppServices, endpoints: SpaEndpoints): Hono<AppBindings> {
  const app = new Hono<AppBindings>();
  const docsOrigin = services.hosts.origin('docs');

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
          'data-refresh-url': endpoints.refresh,
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

  // 404, not 401: "nobody is logged in" is the normal state of a fresh page, not an error.
  app.get('/api/user', async (c) => {
    const user = await userFromJwtCookie(c, profile, services.verifier);
    return user ? c.json({ user }) : c.json({ error: 'Nobody is logged in.' }, 404);
  });

  app.get(profile.api, async (c) => {
    const user = await userFromJwtCookie(c, profile, services.verifier);
    return user ? c.json(profile.content.json(user)) : c.json({ error: `This API needs a valid JWT issued for the ${profile.name}.` }, 401);
  });

  app.notFound((c) => c.json({ error: 'Not found.' }, 404));
  return app;
}
