import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppBindings } from '../runs/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import type { AppUser } from './demo-content.ts';
import { credentials, logInAtIdp } from './backend-login.ts';
import { escapeHtml, page } from './html.ts';
import { OAuthLogin, REDIRECT_PATH } from './oauth-login.ts';
import { resume, type ServerSessionFactory } from './server-sessions.ts';

/**
 * How the app logs the user in: its own form, posted to its backend (`native-form`), or the
 * identity provider's login page through the authorization code grant (`oauth`).
 */
export type ServerLogin = 'native-form' | 'oauth';

type AppContext = Context<AppBindings>;

/**
 * A server-rendered app (the web-app workflows): home page, a login as `login` says, and one page
 * behind the login. How the login is remembered between requests is the workflow's `session`.
 */
export function serverRenderedApp(profile: AppProfile, services: AppServices, sessionFactory: ServerSessionFactory, login: ServerLogin = 'native-form'): Hono<AppBindings> {
  const app = new Hono<AppBindings>();
  const session = sessionFactory(profile, services);
  const oauth = login === 'oauth' ? new OAuthLogin(profile, services, { refreshToken: session.renewable }) : null;
  const docsOrigin = services.hosts.origin('docs');
  const formName = `${profile.role}:login`;
  const logoutFormName = `${profile.role}:logout`;

  const render = (c: AppContext, title: string, main: string, status: ContentfulStatusCode = 200) =>
    c.html(page({ title: `${title} · ${profile.name}`, theme: profile.role, docsOrigin, main }), status);

  const loginPage = (c: AppContext, message?: string, status: ContentfulStatusCode = 200) =>
    render(
      c,
      'Log in',
      `<h1>${profile.name}</h1>
<h2>Log in to the ${profile.name}</h2>
${message ? `<p class="message" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/login" class="login">
<input type="hidden" name="csrf" value="${escapeHtml(services.formTokens.issue(c.env.run.id, formName))}">
<label for="loginId">Email</label>
<input id="loginId" name="loginId" type="email" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form>`,
      status,
    );

  const logoutForm = (c: AppContext) =>
    session.end
      ? `\n<form method="post" action="/logout"><input type="hidden" name="csrf" value="${escapeHtml(services.formTokens.issue(c.env.run.id, logoutFormName))}"><button type="submit">Log out</button></form>`
      : '';

  const signedIn = (c: AppContext, user: AppUser) =>
    `<p class="signed-in">Signed in as ${escapeHtml(user.email)}</p>\n<p><a href="${profile.page}">${escapeHtml(profile.content.title)}</a></p>${logoutForm(c)}`;

  // The home page knows the login, renewing it where the workflow can, as a well-built web app does:
  // a logged-in reader is named and led on to the page behind the login, not to the form again.
  app.get('/', async (c) => {
    const user = await resume(session, c);
    c.header('Cache-Control', 'no-store');
    if (!user) return render(c, 'Home', `<h1>${profile.name}</h1>\n<p class="tagline">${escapeHtml(profile.tagline)}</p>\n<p><a href="/login">Log in</a></p>`);
    return render(c, 'Home', `<h1>${profile.name}</h1>\n<p class="tagline">${escapeHtml(profile.tagline)}</p>\n${signedIn(c, user)}`);
  });

  if (oauth) {
    // No form here: the identity provider's own page takes the password.
    app.get('/login', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.redirect(oauth.begin(c), 302);
    });

    app.get(REDIRECT_PATH, async (c) => {
      c.header('Cache-Control', 'no-store');
      const outcome = await oauth.complete(c);
      if (!outcome.ok) return render(c, 'Login failed', `<h1>${profile.name}</h1>\n<p class="message" role="alert">${escapeHtml(outcome.message)}</p>\n<p><a href="/login">Log in</a></p>`, outcome.status);
      session.begin(c, outcome.login);
      return c.redirect(profile.page, 302);
    });
  } else {
    // The form is shown even over a live login: logging in again (as someone else, say) replaces it.
    app.get('/login', (c) => loginPage(c));

    app.post('/login', async (c) => {
      const body = await c.req.parseBody();
      if (!services.formTokens.isValid(c.env.run.id, formName, body['csrf'])) {
        return render(c, 'Refused', '<h1>Refused</h1>\n<p>This login form has expired or was sent from another site. <a href="/login">Open the form again</a>.</p>', 403);
      }
      const form = credentials.safeParse(body);
      if (!form.success) return loginPage(c, 'Enter your email and password.', 400);
      const outcome = await logInAtIdp(services, profile, form.data);
      if (!outcome.ok) return loginPage(c, outcome.message, outcome.status);
      session.begin(c, outcome.login);
      return c.redirect(profile.page, 302);
    });
  }

  app.get(profile.page, async (c) => {
    const user = await resume(session, c);
    if (!user) return c.redirect('/login', 302);
    c.header('Cache-Control', 'no-store');
    return render(
      c,
      profile.content.title,
      `<h1>${profile.name}</h1>\n<h2>${profile.content.title}</h2>\n${profile.content.html(user)}\n<p><a href="${profile.page}">${escapeHtml(profile.reloadLabel)}</a></p>${logoutForm(c)}`,
    );
  });

  if (session.end) {
    app.post('/logout', async (c) => {
      if (!services.formTokens.isValid(c.env.run.id, logoutFormName, (await c.req.parseBody())['csrf'])) {
        return render(c, 'Refused', '<h1>Refused</h1>\n<p>This logout form was sent from another site.</p>', 403);
      }
      await session.end?.(c);
      // An OAuth app also ends the identity provider's session, or the next login would skip the password.
      return c.redirect(oauth ? oauth.logoutUrl() : '/', 302);
    });
  }

  app.notFound((c) => render(c, 'Not found', `<h1>${profile.name}</h1>\n<p>There is no page here. <a href="/">Home</a></p>`, 404));
  return app;
}
