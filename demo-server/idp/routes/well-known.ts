import { Hono } from 'hono';
import type { IdpContext } from '../context.ts';
import { originOf } from '../http.ts';

/** OpenID discovery, the public keys, and the health check. Only what this IdP really supports is advertised. */
export function wellKnownRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.get('/.well-known/openid-configuration', (c) => {
    const base = originOf(c);
    return c.json({
      authorization_endpoint: `${base}/oauth2/authorize`,
      claims_supported: [
        'aud', 'auth_time', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'jti', 'name', 'nonce',
        'preferred_username', 'roles', 'scope', 'sid', 'sub', 'tid',
      ],
      code_challenge_methods_supported: ['S256'],
      end_session_endpoint: `${base}/oauth2/logout`,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      id_token_signing_alg_values_supported: ['HS256', 'RS256'],
      issuer: ctx.tenant.issuer,
      jwks_uri: `${base}/.well-known/jwks.json`,
      response_modes_supported: ['query'],
      response_types_supported: ['code'],
      scopes_supported: ['openid', 'offline_access', 'profile', 'email'],
      subject_types_supported: ['public'],
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      userinfo_endpoint: `${base}/oauth2/userinfo`,
    });
  });

  routes.get('/.well-known/jwks.json', async (c) => c.json({ keys: await ctx.keys.publicJwks() }));

  routes.get('/api/status', (c) => c.json({ status: 'ok' }));

  return routes;
}
