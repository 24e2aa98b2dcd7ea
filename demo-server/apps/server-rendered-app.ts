import type { LoginResponse } from '@fusionauth/typescript-client';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppBindings } from '../server/host-env.ts';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';
import { escapeHtml, page } from './html.ts';
import type { ServerSessionFactory } from './server-sessions.ts';

type AppContext = Context<AppBindings>;

const loginForm = z.object({
  loginId: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(256),
});

/** What the login form says after a failed attempt, by the Login API's answer. */
const LOGIN_FAILURES: Record<number, { status: ContentfulStatusCode; message: string }> = {
  404: { status: 401, message: 'That email and password do not match an account.' },
  423: { status: 423, message: 'Too many failed attempts: this account is locked for a few minutes.' },
  202: { status: 403, message: 'This account is not registered for this application.' },
};

/**
 * A server-rendered app (the web-app workflows): home page, login form posted to its own backend,
 * which logs in through the identity provider, and one page behind the login. How the login is
 * remembered between requests is the workflow's `session`.
 */
export function serverRenderedApp(profile: AppProfile, services: AppServices, sessionFactory: ServerSessionFactory): Hono<AppBindings> {
  const app = new Hono<AppBindings>();
  const session = sessionFactory(profile, services);
  const docsOrigin = services.hosts.origin('docs');
  const formName = `${profile.role}:login`;

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

  app.get('/', (c) =>
    render(c, 'Home', `<h1>${profile.name}</h1>\n<p class="tagline">${escapeHtml(profile.tagline)}</p>\n<p><a href="/login">Log in</a></p>`),
  );

  app.get('/login', (c) => loginPage(c));

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    if (!services.formTokens.isValid(c.env.run.id, formName, body['csrf'])) {
      return render(c, 'Refused', '<h1>Refused</h1>\n<p>This login form has expired or was sent from another site. <a href="/login">Open the form again</a>.</p>', 403);
    }
    const form = loginForm.safeParse(body);
    if (!form.success) return loginPage(c, 'Enter your email and password.', 400);
    let login: { statusCode: number; response: LoginResponse };
    try {
      login = await services.client.login({ loginId: form.data.loginId, password: form.data.password, applicationId: profile.applicationId });
    } catch (failure) {
      const known = LOGIN_FAILURES[(failure as { statusCode?: number }).statusCode ?? 0];
      return known ? loginPage(c, known.message, known.status) : loginPage(c, 'The identity provider could not be reached. Try again.', 502);
    }
    const refused = LOGIN_FAILURES[login.statusCode];
    if (login.statusCode !== 200 || !login.response.token) {
      return loginPage(c, refused?.message ?? 'The identity provider did not log you in.', refused?.status ?? 502);
    }
    session.begin(c, login.response);
    return c.redirect(profile.page, 302);
  });

  app.get(profile.page, async (c) => {
    const user = await session.resume(c);
    if (!user) return c.redirect('/login', 302);
    c.header('Cache-Control', 'no-store');
    return render(
      c,
      profile.content.title,
      `<h1>${profile.name}</h1>\n<h2>${profile.content.title}</h2>\n${profile.content.html(user)}\n<p><a href="${profile.page}">${escapeHtml(profile.reloadLabel)}</a></p>`,
    );
  });

  app.notFound((c) => render(c, 'Not found', `<h1>${profile.name}</h1>\n<p>There is no page here. <a href="/">Home</a></p>`, 404));
  return app;
}
