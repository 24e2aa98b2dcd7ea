/**
 * The vocabulary of the series: every article is one combination of an app
 * type, a login method and a token storage. Labels are what readers see.
 */
export const APP_TYPES = {
  webapp: 'Web apps',
  spa: 'Single-page apps',
  mobile: 'Mobile apps',
} as const;

export const LOGIN_METHODS = {
  'native-form-to-backend': 'Native login form → application backend',
  'native-form-to-idp': 'Native login form → identity provider',
  'oauth-authorization-code': 'OAuth authorization code grant',
  'oauth-authorization-code-public': 'OAuth authorization code grant, public client in the browser',
  'oauth-implicit': 'OAuth implicit grant',
  'oauth-password': 'OAuth password credentials grant',
} as const;

export const TOKEN_STORAGES = {
  'jwt-refresh-cookies': 'JWT + refresh token in HttpOnly cookies',
  session: 'Server session (session id cookie)',
  'session-refresh-cookie': 'Server session + refresh token cookie',
  'jwt-local-storage': 'JWT in localStorage',
  'jwt-cookie': 'JWT in an HttpOnly cookie',
  'backend-session': 'Tokens on the backend, a __Host- session cookie',
  'access-token-in-memory': 'Access token in page memory, refresh token on the backend',
  'tokens-in-memory': 'Access and refresh tokens in page memory',
} as const;

export const VERDICTS = {
  recommended: 'Recommended',
  acceptable: 'Acceptable',
  discouraged: 'Discouraged',
} as const;

export type AppType = keyof typeof APP_TYPES;
export type LoginMethod = keyof typeof LOGIN_METHODS;
export type TokenStorage = keyof typeof TOKEN_STORAGES;
export type Verdict = keyof typeof VERDICTS;

export const keysOf = <T extends object>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];
