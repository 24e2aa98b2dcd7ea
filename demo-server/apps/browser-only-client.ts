import { Hono, type Context } from 'hono';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import { escapeHtml, page } from './html.ts';

/** Where the identity provider sends the browser-only client back: a page of the SPA itself. */
export const BROWSER_CLIENT_REDIRECT_PATH = '/callback';

/**
 * The Store as a browser-only OAuth client: its server only serves the SPA (the same page at `/`
 * and at the redirect URI), and browser-client.js does the rest with the Store's public client id.
 * The page may frame the identity provider, which its silent login needs.
 */
export function browserOnlyClient(profile: AppProfile, services: AppServices, clientId: string): Hono<AppBindings> {
  const app = new Hono<AppBindings>();
  const spaPage = () =>
    page({
      title: profile.name,
      theme: profile.role,
      docsOrigin: services.hosts.origin('docs'),
      scripts: ['/_assets/spa.js'],
      mainAttributes: {
        'data-app-name': profile.name,
        'data-client-id': clientId,
        'data-idp-origin': services.hosts.origin('idp'),
        'data-redirect-path': BROWSER_CLIENT_REDIRECT_PATH,
        'data-login-url': '#login',
        'data-login-kind': 'redirect',
        'data-logout-url': '#logout',
        'data-api': `${services.hosts.origin('api')}/cart`,
        'data-content-kind': profile.content.kind,
        'data-content-title': profile.content.title,
        'data-reload-label': profile.reloadLabel,
      },
      main: `<h1>${profile.name}</h1>\n<p class="tagline">${escapeHtml(profile.tagline)}</p>\n<section id="view" aria-live="polite"><p>Loading…</p></section>`,
    });
  const serve = (c: Context<AppBindings>) => {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', browserClientPolicy(services));
    return c.html(spaPage());
  };
  app.get('/', serve);
  app.get(BROWSER_CLIENT_REDIRECT_PATH, serve);
  app.notFound((c) => c.json({ error: 'Not found.' }, 404));
  return app;
}

/** The apps' policy, plus frames of the identity provider for the silent login. */
function browserClientPolicy(services: AppServices): string {
  const { hosts } = services;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${hosts.origin('api')} ${hosts.origin('idp')}`,
    `frame-src 'self' ${hosts.origin('idp')}`,
    `frame-ancestors ${hosts.origin('docs')} 'self'`,
    "form-action 'self'",
    "base-uri 'none'",
  ].join('; ');
}
