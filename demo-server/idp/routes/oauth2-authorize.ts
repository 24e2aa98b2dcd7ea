import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';
import { authenticate } from '../authentication.ts';
import type { Application } from '../configuration.ts';
import type { IdpContext } from '../context.ts';
import { errorPage, loginPage, signedOutPage } from '../hosted-login-page.ts';
import { SSO_COOKIE, isGuid, isHttps } from '../http.ts';
import { randomSecret } from '../secrets.ts';
import type { SsoSessionRecord } from '../store/sso-sessions.ts';
import type { UserRecord } from '../store/users.ts';
import { AUTHORIZATION_CODE_TTL_SECONDS } from '../token-service.ts';

const MAX_PARAMETER_LENGTH = 2048;
// S256 challenges are base64url SHA-256 digests: exactly 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const FORWARDED_PARAMETERS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method'];

interface AuthorizeRequest {
  application: Application;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  prompt: string | undefined;
  loginHint: string | undefined;
  /** Parameters the login form posts back unchanged. */
  forwarded: Record<string, string>;
}

/** 302 to `redirectUri` plus parameters, keeping any cookies already set on the context. */
function redirectWith(c: Context, redirectUri: string, parameters: Record<string, string | undefined>): Response {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) target.searchParams.append(name, value);
  c.header('Cache-Control', 'no-store');
  return c.redirect(target.href, 302);
}

/**
 * Validates an authorization request. Until the client and its redirect URI are known to be
 * genuine, errors are shown on a page here (never sent to an unvetted URI); after that they go back
 * to the client as `error` parameters, with `state`.
 */
function parseAuthorizeRequest(c: Context, ctx: IdpContext, parameters: Record<string, string>): AuthorizeRequest | Response {
  if (Object.values(parameters).some((value) => value.length > MAX_PARAMETER_LENGTH)) {
    return errorPage(c, 'Invalid request', 'A parameter of this sign-in request is too long.');
  }
  const clientId = parameters.client_id ?? '';
  const application = isGuid(clientId) ? ctx.store.applications.find(clientId) : null;
  if (!application) return errorPage(c, 'Invalid request', 'The client_id of this sign-in request is missing or unknown.');
  const redirectUri = parameters.redirect_uri ?? '';
  if (!application.oauthConfiguration.authorizedRedirectURLs.includes(redirectUri)) {
    return errorPage(c, 'Invalid request', 'The redirect_uri of this sign-in request is not authorized for this application.');
  }

  const state = parameters.state;
  const fail = (error: string, reason: string, description: string) =>
    redirectWith(c, redirectUri, { error, error_description: description, error_reason: reason, state });
  if (parameters.response_type !== 'code') {
    return fail('unsupported_response_type', 'invalid_response_type', 'Only response_type=code is supported.');
  }
  if (!application.oauthConfiguration.enabledGrants.includes('authorization_code')) {
    return fail('unauthorized_client', 'grant_type_disabled', 'The authorization_code grant is not enabled for this application.');
  }
  const codeChallenge = parameters.code_challenge;
  if (codeChallenge !== undefined) {
    // `plain` would let anyone who sees the request redeem the code: refused.
    if (parameters.code_challenge_method !== 'S256') {
      return fail('invalid_request', 'invalid_pkce_code_challenge_method', 'code_challenge_method must be S256.');
    }
    if (!S256_CHALLENGE.test(codeChallenge)) return fail('invalid_request', 'invalid_pkce_code_challenge', 'The code_challenge is malformed.');
  } else if (application.oauthConfiguration.proofKeyForCodeExchangePolicy === 'Required') {
    return fail('invalid_request', 'missing_code_challenge', 'This application requires PKCE: send a code_challenge.');
  }

  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED_PARAMETERS) {
    const value = parameters[name];
    if (value !== undefined) forwarded[name] = value;
  }
  return {
    application,
    redirectUri,
    scope: parameters.scope?.trim() || 'openid',
    state,
    nonce: parameters.nonce,
    codeChallenge,
    prompt: parameters.prompt,
    loginHint: parameters.login_hint,
    forwarded,
  };
}

/** Hands out a 30-second, single-use code bound to the client, redirect URI, PKCE challenge and session. */
function issueCode(c: Context, ctx: IdpContext, request: AuthorizeRequest, user: UserRecord, session: SsoSessionRecord): Response {
  const { application } = request;
  const registered = ctx.store.users.registration(user.id, application.id) !== null;
  if (!registered && application.oauthConfiguration.requireRegistration) {
    return redirectWith(c, request.redirectUri, {
      error: 'access_denied',
      error_description: 'The user is not registered for this application.',
      error_reason: 'registration_required',
      state: request.state,
    });
  }
  const code = randomSecret();
  ctx.store.authorizationCodes.insert(code, {
    applicationId: application.id,
    userId: user.id,
    redirectUri: request.redirectUri,
    scope: request.scope,
    nonce: request.nonce ?? null,
    codeChallenge: request.codeChallenge ?? null,
    sessionId: session.id,
    authTime: session.authTime,
    expiresAt: ctx.clock.nowFor(user.id) + AUTHORIZATION_CODE_TTL_SECONDS * 1000,
  });
  return redirectWith(c, request.redirectUri, {
    code,
    state: request.state,
    userState: registered ? 'Authenticated' : 'AuthenticatedNotRegistered',
  });
}

function ssoCookieOptions(c: Context) {
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) } as const;
}

/** The signed-in user behind the `fusionauth.sso` cookie, if the session is still alive. */
function currentSession(c: Context, ctx: IdpContext): { session: SsoSessionRecord; user: UserRecord } | null {
  const cookie = getCookie(c, SSO_COOKIE);
  const session = cookie ? ctx.store.ssoSessions.find(cookie) : null;
  const user = session ? ctx.store.users.findById(session.userId) : null;
  if (!session || !user || ctx.clock.nowFor(user.id) >= session.expiresAt) return null;
  return { session, user };
}

/** Form fields as strings; anything else (files, repeated fields) is ignored. */
async function formFields(c: Context): Promise<Record<string, string> | null> {
  try {
    const body = await c.req.parseBody();
    return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return null;
  }
}

/** The browser side of OAuth: the authorize endpoint with its login page, and logout. */
export function oauth2AuthorizeRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.get('/oauth2/authorize', (c) => {
    const request = parseAuthorizeRequest(c, ctx, c.req.query());
    if (request instanceof Response) return request;
    const current = request.prompt === 'login' ? null : currentSession(c, ctx);
    // SSO: already signed in here, so straight back to the application with a code.
    if (current) return issueCode(c, ctx, request, current.user, current.session);
    if (request.prompt === 'none') {
      return redirectWith(c, request.redirectUri, {
        error: 'login_required', error_description: 'The user is not signed in.', error_reason: 'authentication_required', state: request.state,
      });
    }
    return loginPage(c, {
      applicationName: request.application.name,
      hidden: request.forwarded,
      redirectOrigin: new URL(request.redirectUri).origin,
      ...(request.loginHint !== undefined ? { loginId: request.loginHint } : {}),
    });
  });

  routes.post('/oauth2/authorize', async (c) => {
    // Login CSRF: another site must not be able to sign the browser in as someone else. Browsers
    // label a form post from another origin; clients that send no label are not browsers.
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return errorPage(c, 'Invalid request', 'The sign-in form must be submitted from the sign-in page itself.', 403);
    }
    const fields = await formFields(c);
    if (!fields) return errorPage(c, 'Invalid request', 'The sign-in form could not be read.');
    const request = parseAuthorizeRequest(c, ctx, fields);
    if (request instanceof Response) return request;
    const loginId = fields.loginId ?? '';
    const page = { applicationName: request.application.name, hidden: request.forwarded, redirectOrigin: new URL(request.redirectUri).origin, loginId };
    const password = fields.password ?? '';
    if (!loginId || !password || loginId.length > 320 || password.length > 256) {
      return loginPage(c, { ...page, error: 'Enter your email or username and your password.' }, 400);
    }

    const outcome = await authenticate(ctx, loginId, password);
    if (outcome.kind === 'failed') return loginPage(c, { ...page, error: 'Invalid login credentials.' }, 401);
    if (outcome.kind === 'locked') {
      return loginPage(c, { ...page, error: 'This account is locked after too many failed attempts. Try again later.' }, 423);
    }

    const { user, at } = outcome;
    const previous = getCookie(c, SSO_COOKIE);
    if (previous) ctx.store.ssoSessions.delete(previous);
    // A fresh session id at every login, so a planted cookie cannot be ridden (session fixation).
    const cookieValue = randomSecret();
    const session: SsoSessionRecord = { id: randomUUID(), userId: user.id, authTime: at, expiresAt: at + ctx.ssoSessionTtlSeconds * 1000 };
    ctx.store.ssoSessions.insert(cookieValue, session);
    setCookie(c, SSO_COOKIE, cookieValue, { ...ssoCookieOptions(c), maxAge: ctx.ssoSessionTtlSeconds });
    const registered = ctx.store.users.registration(user.id, request.application.id) !== null;
    ctx.store.users.recordSuccessfulLogin(user.id, registered ? request.application.id : null, at);

    return issueCode(c, ctx, request, user, session);
  });

  // Ends the IdP session (SSO) only; refresh tokens already issued stay valid, as in FusionAuth.
  routes.get('/oauth2/logout', (c) => {
    const cookie = getCookie(c, SSO_COOKIE);
    if (cookie) ctx.store.ssoSessions.delete(cookie);
    deleteCookie(c, SSO_COOKIE, ssoCookieOptions(c));

    const query = c.req.query();
    let clientId = query.client_id;
    if (!clientId && query.id_token_hint) {
      // Only picks which application's registered URLs may be used, so an unverified hint is harmless.
      try {
        const aud = decodeJwt(query.id_token_hint).aud;
        clientId = Array.isArray(aud) ? aud[0] : aud;
      } catch {
        return errorPage(c, 'Invalid request', 'The id_token_hint is not a JWT.');
      }
    }
    const application = clientId && isGuid(clientId) ? ctx.store.applications.find(clientId) : null;
    const requested = query.post_logout_redirect_uri;
    const allowed = application ? [...application.oauthConfiguration.authorizedRedirectURLs, application.oauthConfiguration.logoutURL] : [];
    if (requested !== undefined && !allowed.includes(requested)) {
      return errorPage(c, 'Invalid request', 'The post_logout_redirect_uri is not authorized for this application.');
    }
    const target = requested ?? application?.oauthConfiguration.logoutURL;
    if (!target) return signedOutPage(c);
    return redirectWith(c, target, { state: query.state });
  });

  return routes;
}
