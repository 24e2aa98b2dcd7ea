import { Hono, type Context } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { clientAuthenticationPolicy, type Application } from '../configuration.ts';
import type { IdpContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { bearerToken, isGuid, noStore } from '../http.ts';
import type { RefreshTokenRecord } from '../store/refresh-tokens.ts';
import type { UserRecord } from '../store/users.ts';
import { findRefreshToken, issueAccessToken, issueIdToken, issueRefreshToken, useRefreshToken, verifyJwt } from '../token-service.ts';

// RFC 7636: 43–128 characters from the unreserved set.
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const MAX_FIELD_LENGTH = 4096;

const invalidRequest = (reason: string, description: string) => new OAuthError(400, 'invalid_request', reason, description);
const invalidGrant = (reason: string, description: string) => new OAuthError(400, 'invalid_grant', reason, description);
const invalidClient = (reason: string, description: string) => new OAuthError(401, 'invalid_client', reason, description);

const digest = (value: string) => createHash('sha256').update(value).digest();
const secretsMatch = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

async function tokenForm(c: Context): Promise<Record<string, string>> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw invalidRequest('unknown', 'The request body could not be read as a form.');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') continue;
    if (value.length > MAX_FIELD_LENGTH) throw invalidRequest('unknown', `The [${name}] parameter is too long.`);
    fields[name] = value;
  }
  return fields;
}

interface AuthenticatedClient {
  application: Application;
  /** True when a correct client secret was presented (Basic or in the body). */
  authenticated: boolean;
}

/** client_secret_basic, client_secret_post, or none; a wrong secret is always 401 invalid_client. */
function identifyClient(c: Context, ctx: IdpContext, form: Record<string, string>): AuthenticatedClient {
  let clientId = form.client_id;
  let secret = form.client_secret;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) throw invalidClient('invalid_client_authentication_scheme', 'The Authorization header must use the Basic scheme.');
    let basicId: string;
    try {
      // RFC 6749 §2.3.1: both halves are form-urlencoded.
      basicId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    } catch {
      throw invalidClient('invalid_client_authentication', 'The Basic credentials are malformed.');
    }
    if (clientId !== undefined && clientId !== basicId) throw invalidClient('client_id_mismatch', 'client_id does not match the Basic credentials.');
    clientId = basicId;
  }
  if (!clientId) throw invalidRequest('missing_client_id', 'The client_id parameter is required.');
  const application = isGuid(clientId) ? ctx.store.applications.find(clientId) : null;
  if (!application) throw invalidClient('invalid_client_id', 'The client_id is not valid.');
  if (secret === undefined) return { application, authenticated: false };
  const expected = application.oauthConfiguration.clientSecret;
  if (!expected || !secretsMatch(secret, expected)) throw invalidClient('invalid_client_authentication', 'The client could not be authenticated.');
  return { application, authenticated: true };
}

/** Client authentication may be skipped only where the policy allows and PKCE stands in for it. */
function requireClientAuthentication(client: AuthenticatedClient, usedPkce: boolean): void {
  if (client.authenticated) return;
  const policy = clientAuthenticationPolicy(client.application);
  if (policy === 'Required' || (policy === 'NotRequiredWhenUsingPKCE' && !usedPkce)) {
    throw invalidClient('client_authentication_missing', 'This client must authenticate with its client secret.');
  }
}

const scopes = (scope: string | null) => new Set((scope ?? '').split(' ').filter(Boolean));

interface TokenResponseInput {
  user: UserRecord;
  application: Application;
  scope: string;
  authenticationType: string;
  authTime: number;
  nonce: string | null;
  sid: string;
  refresh: { token: string; record: RefreshTokenRecord } | null;
}

async function tokenResponse(ctx: IdpContext, input: TokenResponseInput) {
  const { user, application, scope, refresh } = input;
  const access = await issueAccessToken(ctx, {
    user, application, authenticationType: input.authenticationType, authTime: input.authTime, sid: input.sid, scope,
  });
  const idToken = scopes(scope).has('openid')
    ? await issueIdToken(ctx, {
      user, application, accessToken: access.token, authenticationType: input.authenticationType, authTime: input.authTime, nonce: input.nonce, sid: input.sid,
    })
    : undefined;
  return {
    access_token: access.token,
    expires_in: access.ttlSeconds,
    ...(idToken ? { id_token: idToken } : {}),
    ...(refresh ? { refresh_token: refresh.token, refresh_token_id: refresh.record.id } : {}),
    scope,
    token_type: 'Bearer',
    userId: user.id,
  };
}

async function authorizationCodeGrant(ctx: IdpContext, client: AuthenticatedClient, form: Record<string, string>) {
  const { application } = client;
  if (!form.code) throw invalidRequest('missing_code', 'The code parameter is required.');
  const code = ctx.store.authorizationCodes.take(form.code);
  const user = code ? ctx.store.users.findById(code.userId) : null;
  // Unknown, used, expired and other clients' codes are indistinguishable from outside.
  if (!code || !user || code.applicationId !== application.id || ctx.clock.nowFor(user.id) >= code.expiresAt) {
    throw invalidGrant('auth_code_not_found', 'The authorization code is not valid.');
  }
  requireClientAuthentication(client, code.codeChallenge !== null);
  if (form.redirect_uri !== code.redirectUri) throw invalidRequest('invalid_redirect_uri', 'redirect_uri does not match the authorization request.');

  const verifier = form.code_verifier;
  if (code.codeChallenge !== null) {
    // A challenge was sent at authorize: no verifier means a downgrade attempt, refused.
    if (verifier === undefined) throw invalidRequest('missing_code_verifier', 'The code_verifier parameter is required.');
    const expected = createHash('sha256').update(verifier).digest('base64url');
    if (!CODE_VERIFIER.test(verifier) || expected !== code.codeChallenge) {
      throw invalidGrant('invalid_pkce_code_verifier', 'The code_verifier does not match the code_challenge.');
    }
  } else if (verifier !== undefined) {
    throw invalidGrant('invalid_pkce_code_verifier', 'A code_verifier was sent but the authorization request had no code_challenge.');
  } else if (application.oauthConfiguration.proofKeyForCodeExchangePolicy === 'NotRequiredWhenUsingClientAuthentication' && !client.authenticated) {
    throw invalidRequest('missing_code_verifier', 'Without client authentication this application requires PKCE.');
  }

  const granted = scopes(code.scope);
  const refresh =
    granted.has('offline_access') && application.oauthConfiguration.generateRefreshTokens && application.oauthConfiguration.enabledGrants.includes('refresh_token')
      ? issueRefreshToken(ctx, {
        user, application, authenticationType: 'PASSWORD', authTime: code.authTime, scope: code.scope, pkce: code.codeChallenge !== null,
      })
      : null;
  return tokenResponse(ctx, {
    user, application, scope: code.scope, authenticationType: 'PASSWORD', authTime: code.authTime, nonce: code.nonce,
    sid: refresh?.record.id ?? code.sessionId, refresh,
  });
}

async function refreshTokenGrant(ctx: IdpContext, client: AuthenticatedClient, form: Record<string, string>) {
  if (!form.refresh_token) throw invalidRequest('missing_refresh_token', 'The refresh_token parameter is required.');
  const live = findRefreshToken(ctx, form.refresh_token);
  if (!live || live.application.id !== client.application.id) throw invalidGrant('refresh_token_not_found', 'The refresh_token is not valid.');
  requireClientAuthentication(client, live.record.pkce);
  const granted = scopes(live.record.scope);
  const requested = form.scope === undefined ? null : [...scopes(form.scope)];
  if (requested && requested.some((scope) => !granted.has(scope))) {
    throw new OAuthError(400, 'invalid_scope', 'unknown_scope', 'The scope may only narrow what was originally granted.');
  }
  const spent = useRefreshToken(ctx, live);
  if (!spent) throw invalidGrant('refresh_token_not_found', 'The refresh_token is not valid.');
  return tokenResponse(ctx, {
    user: spent.user,
    application: spent.application,
    scope: requested ? requested.join(' ') : (spent.record.scope ?? ''),
    authenticationType: 'REFRESH_TOKEN',
    authTime: spent.record.authTime,
    nonce: null,
    sid: spent.record.id,
    refresh: spent,
  });
}

/** The back-channel side of OAuth: /oauth2/token and /oauth2/userinfo. */
export function oauth2TokenRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.post('/oauth2/token', async (c) => {
    noStore(c);
    const form = await tokenForm(c);
    const client = identifyClient(c, ctx, form);
    const grantType = form.grant_type;
    if (!grantType) throw invalidRequest('missing_grant_type', 'The grant_type parameter is required.');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw new OAuthError(400, 'unsupported_grant_type', 'invalid_grant_type', `The grant_type [${grantType}] is not supported.`);
    }
    if (!client.application.oauthConfiguration.enabledGrants.includes(grantType)) {
      throw new OAuthError(400, 'unauthorized_client', 'grant_type_disabled', `The ${grantType} grant is not enabled for this application.`);
    }
    const body = grantType === 'authorization_code' ? await authorizationCodeGrant(ctx, client, form) : await refreshTokenGrant(ctx, client, form);
    return c.json(body);
  });

  const userinfo = async (c: Context) => {
    const token = bearerToken(c);
    if (!token) throw new OAuthError(401, 'invalid_request', 'access_token_required', 'Send the access token as a Bearer token.');
    const claims = await verifyJwt(ctx, token);
    const user = claims?.sub ? ctx.store.users.findById(claims.sub) : null;
    if (!user) throw new OAuthError(401, 'invalid_token', 'access_token_invalid', 'The access token is not valid.');
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    return c.json({
      sub: user.id,
      ...(user.email !== null ? { email: user.email, email_verified: true } : {}),
      ...(user.firstName !== null ? { given_name: user.firstName } : {}),
      ...(user.lastName !== null ? { family_name: user.lastName } : {}),
      ...(name ? { name } : {}),
      preferred_username: user.username ?? user.email ?? user.id,
      ...(claims?.applicationId ? { applicationId: claims.applicationId } : {}),
      ...(Array.isArray(claims?.roles) ? { roles: claims.roles } : {}),
    });
  };
  routes.get('/oauth2/userinfo', userinfo);
  routes.post('/oauth2/userinfo', userinfo);

  return routes;
}
