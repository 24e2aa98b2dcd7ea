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
    summary: 'The standard OAuth alternative: grant_type=refresh_token returns a fresh access token.',
    reference: 'https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints#refresh-token-grant-request',
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
