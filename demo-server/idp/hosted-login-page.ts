import { createHash } from 'node:crypto';
import type { Context } from 'hono';

// Pages the IdP itself shows in the browser: the login form behind /oauth2/authorize, error and
// signed-out pages. No script at all; the one stylesheet is inline and allowed by its hash, so the
// CSP can stay `default-src 'none'`.

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
main { width: min(22rem, 90vw); padding: 2rem; border: 1px solid GrayText; border-radius: 0.75rem; }
h1 { font-size: 1.35rem; margin: 0 0 0.25rem; }
p { margin: 0 0 1.25rem; }
label { display: block; font-weight: 600; margin: 1rem 0 0.35rem; }
input { box-sizing: border-box; width: 100%; padding: 0.6rem; font: inherit; border: 1px solid GrayText; border-radius: 0.4rem; }
input:focus-visible, button:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
button { margin-top: 1.5rem; width: 100%; padding: 0.7rem; font: inherit; font-weight: 600; border: 0; border-radius: 0.4rem;
  background: #1f5fbf; color: #fff; cursor: pointer; }
.error { padding: 0.75rem; border-radius: 0.4rem; background: #fde7e9; color: #8a1020; }
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * Security headers for every page. `formActionOrigin` is the validated redirect target: Chromium
 * applies `form-action` to the redirect that follows a form post, so it must be allowed too.
 */
function securityHeaders(c: Context, formActionOrigin?: string): void {
  const formAction = ["'self'", ...(formActionOrigin ? [formActionOrigin] : [])].join(' ');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
  );
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
}

export interface LoginPageModel {
  applicationName: string;
  /** The authorize request's parameters, echoed back as hidden fields. */
  hidden: Record<string, string>;
  redirectOrigin: string;
  loginId?: string;
  error?: string;
}

export function loginPage(c: Context, model: LoginPageModel, status: 200 | 400 | 401 | 423 = 200): Response {
  securityHeaders(c, model.redirectOrigin);
  const hidden = Object.entries(model.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const error = model.error ? `<p class="error" role="alert" id="login-error">${escapeHtml(model.error)}</p>` : '';
  const describedBy = model.error ? ' aria-describedby="login-error"' : '';
  return c.html(
    document(
      `Sign in · ${model.applicationName}`,
      `<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(model.applicationName)}</strong></p>
${error}
<form method="post" action="/oauth2/authorize">
${hidden}
<label for="loginId">Email or username</label>
<input id="loginId" name="loginId" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required
  value="${escapeHtml(model.loginId ?? '')}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<button type="submit">Sign in</button>
</form>`,
    ),
    status,
  );
}

export function errorPage(c: Context, title: string, message: string, status: 400 | 403 = 400): Response {
  securityHeaders(c);
  return c.html(document(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`), status);
}

export function signedOutPage(c: Context): Response {
  securityHeaders(c);
  return c.html(document('Signed out', '<h1>Signed out</h1>\n<p>You have been signed out of the identity provider.</p>'));
}
