/**
 * Identity-provider endpoints an article can list under "APIs used".
 * Links point at FusionAuth's reference, the provider the series is written against.
 */
export interface IdpApi {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  reference: string;
}

const DOCS = 'https://fusionauth.io/docs/apis';

export const IDP_APIS = {
  login: {
    method: 'POST',
    path: '/api/login',
    summary: 'Checks a login id and password and answers with the user, a JWT and (for a registered user) a refresh token.',
    reference: `${DOCS}/login#authenticate-a-user`,
  },
  'jwt-refresh': {
    method: 'POST',
    path: '/api/jwt/refresh',
    summary: 'Trades a refresh token for a new JWT, from a cookie or the request body.',
    reference: `${DOCS}/jwt#refresh-a-jwt`,
  },
  'oauth-token-refresh': {
    method: 'POST',
    path: '/oauth2/token',
    summary: 'grant_type=refresh_token: trades a refresh token, with the client’s credentials where it has them, for a fresh access token.',
    reference: 'https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints#refresh-token-grant-request',
  },
  'oauth-authorize': {
    method: 'GET',
    path: '/oauth2/authorize',
    summary: 'Starts an OAuth login in the browser: shows the identity provider’s login page, or redirects straight back with a code while its session lasts.',
    reference: 'https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints#authorize',
  },
  'oauth-token-code': {
    method: 'POST',
    path: '/oauth2/token',
    summary: 'grant_type=authorization_code: trades a code, its PKCE verifier and the client’s credentials for an access token, an ID token and, with offline_access, a refresh token.',
    reference: 'https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints#complete-the-authorization-code-grant-request',
  },
  'oauth-logout': {
    method: 'GET',
    path: '/oauth2/logout',
    summary: 'Ends the identity provider’s login session (its SSO cookie) and redirects to an address the application registered.',
    reference: 'https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints#logout',
  },
  'jwt-validate': {
    method: 'GET',
    path: '/api/jwt/validate',
    summary: 'Asks the provider whether a JWT is still valid and returns its claims.',
    reference: `${DOCS}/jwt#validate-a-jwt`,
  },
  'jwt-revoke': {
    method: 'DELETE',
    path: '/api/jwt/refresh',
    summary: 'Revokes refresh tokens: one by its value, or every one of a user or an application.',
    reference: `${DOCS}/jwt#revoke-refresh-tokens`,
  },
  logout: {
    method: 'POST',
    path: '/api/logout',
    summary: 'Clears the token cookies and revokes the refresh token.',
    reference: `${DOCS}/login#logout-a-user`,
  },
} as const satisfies Record<string, IdpApi>;

export type IdpApiId = keyof typeof IDP_APIS;
