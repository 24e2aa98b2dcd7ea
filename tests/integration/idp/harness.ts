import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { FusionAuthClient } from '@fusionauth/typescript-client';
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { createIdp, type Idp, type IdpOptions } from '../../../demo-server/idp/app.ts';
import { manualClock } from '../../../demo-server/idp/clock.ts';

// Starts the real IdP over real HTTP on 127.0.0.1 with an in-memory database, a hand-driven
// clock and a kickstart made for the tests. Fixed ids keep assertions readable.

export const API_KEY = 'test-api-key-0123456789abcdef0123456789abcdef';
export const TENANT_ID = '11111111-0000-4000-8000-000000000000';
export const RSA_KEY_ID = '22222222-0000-4000-8000-000000000000';
export const PASSWORD = 'correct-horse-battery';
export const REDIRECT_URI = 'http://app.test/oauth-redirect';

/** Applications covering each policy the IdP implements. */
export const APPS = {
  /** Reusable/Fixed refresh tokens, RS256, confidential OAuth client. */
  store: { id: '33333333-0000-4000-8000-000000000001', secret: 'store-secret' },
  /** Same policies, for SSO across two applications. */
  forums: { id: '33333333-0000-4000-8000-000000000002', secret: 'forums-secret' },
  /** OneTimeUse refresh tokens (rotation). */
  rotating: { id: '33333333-0000-4000-8000-000000000003', secret: 'rotating-secret' },
  /** Reusable, SlidingWindow of 10 minutes. */
  sliding: { id: '33333333-0000-4000-8000-000000000004', secret: 'sliding-secret' },
  /** OneTimeUse, SlidingWindowWithMaximumLifetime: 10-minute window, 30-minute cap. */
  slidingMax: { id: '33333333-0000-4000-8000-000000000005', secret: 'sliding-max-secret' },
  /** Public client: no secret, PKCE required; refresh tokens are not allowed on /api/jwt/refresh. */
  spa: { id: '33333333-0000-4000-8000-000000000006', secret: 'spa-secret' },
  /** Login API needs an API key; its JWT settings are off, so the tenant's (default HS256 key, 1 h) apply. */
  locked: { id: '33333333-0000-4000-8000-000000000007', secret: 'locked-secret' },
} as const;

export const USERS = {
  richard: { id: '44444444-0000-4000-8000-000000000001', email: 'richard@example.com' },
  monica: { id: '44444444-0000-4000-8000-000000000002', email: 'monica@example.com' },
  /** Registered for nothing. */
  jared: { id: '44444444-0000-4000-8000-000000000003', email: 'jared@example.com' },
} as const;

interface AppSpec {
  id: string;
  secret: string;
  name: string;
  jwt?: Record<string, unknown>;
  login?: Record<string, unknown>;
  oauth?: Record<string, unknown>;
}

function application(spec: AppSpec) {
  return {
    method: 'POST',
    url: `/api/application/${spec.id}`,
    body: {
      application: {
        name: spec.name,
        roles: [{ name: 'user', isDefault: true }, { name: 'admin' }],
        loginConfiguration: { allowTokenRefresh: true, generateRefreshTokens: true, requireAuthentication: false, ...spec.login },
        jwtConfiguration: {
          enabled: true,
          accessTokenKeyId: RSA_KEY_ID,
          idTokenKeyId: RSA_KEY_ID,
          timeToLiveInSeconds: 300,
          refreshTokenTimeToLiveInMinutes: 60,
          ...spec.jwt,
        },
        oauthConfiguration: {
          authorizedRedirectURLs: [REDIRECT_URI],
          clientSecret: spec.secret,
          enabledGrants: ['authorization_code', 'refresh_token'],
          generateRefreshTokens: true,
          ...spec.oauth,
        },
      },
    },
  };
}

export interface KickstartOptions {
  revokeOnReuse?: boolean;
}

export function testKickstart(options: KickstartOptions = {}) {
  const register = (userId: string, email: string, appIds: string[]) =>
    appIds.map((applicationId, index) => ({
      method: 'POST',
      url: `/api/user/registration/${userId}`,
      body: {
        ...(index === 0 ? { user: { email, password: PASSWORD, firstName: email.split('@')[0], lastName: 'Tester' } } : {}),
        registration: { applicationId },
      },
    }));
  const allApps = Object.values(APPS).map((app) => app.id);
  return {
    variables: { defaultTenantId: TENANT_ID, apiKey: API_KEY },
    apiKeys: [{ key: '#{apiKey}', description: 'tests' }],
    requests: [
      { method: 'POST', url: `/api/key/generate/${RSA_KEY_ID}`, body: { key: { algorithm: 'RS256', name: 'test RSA' } } },
      {
        method: 'PATCH',
        url: '/api/tenant/#{defaultTenantId}',
        body: { tenant: { issuer: 'https://idp.test', jwtConfiguration: { refreshTokenRevocationPolicy: { onOneTimeTokenReuse: options.revokeOnReuse ?? true } } } },
      },
      application({ ...APPS.store, name: 'Store' }),
      application({ ...APPS.forums, name: 'Forums' }),
      application({ ...APPS.rotating, name: 'Rotating', jwt: { refreshTokenUsagePolicy: 'OneTimeUse' } }),
      application({ ...APPS.sliding, name: 'Sliding', jwt: { refreshTokenExpirationPolicy: 'SlidingWindow', refreshTokenTimeToLiveInMinutes: 10 } }),
      application({
        ...APPS.slidingMax,
        name: 'SlidingMax',
        jwt: {
          refreshTokenUsagePolicy: 'OneTimeUse',
          refreshTokenExpirationPolicy: 'SlidingWindowWithMaximumLifetime',
          refreshTokenTimeToLiveInMinutes: 10,
          refreshTokenSlidingWindowConfiguration: { maximumTimeToLiveInMinutes: 30 },
        },
      }),
      application({
        ...APPS.spa,
        name: 'SPA',
        login: { allowTokenRefresh: false },
        oauth: { clientAuthenticationPolicy: 'NotRequiredWhenUsingPKCE', proofKeyForCodeExchangePolicy: 'Required' },
      }),
      application({ ...APPS.locked, name: 'Locked', login: { requireAuthentication: true }, jwt: { enabled: false } }),
      ...register(USERS.richard.id, USERS.richard.email, allApps),
      ...register(USERS.monica.id, USERS.monica.email, [APPS.store.id]),
      { method: 'POST', url: `/api/user/registration/${USERS.jared.id}`, body: { user: { email: USERS.jared.email, password: PASSWORD }, registration: { applicationId: '#{FUSIONAUTH_APPLICATION_ID}' } } },
    ],
  };
}

export interface TestIdp {
  url: string;
  idp: Idp;
  /** Authenticated with the API key, like a demo backend. */
  client: FusionAuthClient;
  /** No API key, like a browser or public client. */
  anonymous: FusionAuthClient;
  clock: ReturnType<typeof manualClock>;
  close(): Promise<void>;
}

export async function startIdp(options: Partial<IdpOptions> & { kickstartOptions?: KickstartOptions } = {}): Promise<TestIdp> {
  const clock = manualClock(Date.UTC(2030, 0, 1));
  const { kickstartOptions, ...rest } = options;
  const idp = await createIdp({
    databasePath: ':memory:',
    kickstart: testKickstart(kickstartOptions),
    demoMode: true,
    clock,
    passwordHashIterations: 1000,
    log: () => {},
    ...rest,
  });
  const url = await idp.listen(0, '127.0.0.1');
  return {
    url,
    idp,
    client: new FusionAuthClient(API_KEY, url),
    anonymous: new FusionAuthClient(null as unknown as string, url),
    clock,
    close: () => idp.close(),
  };
}

/** The rejection of a FusionAuth client call, asserting its status. */
export async function rejection(promise: Promise<unknown>, statusCode: number): Promise<{ statusCode: number; exception: unknown }> {
  try {
    await promise;
  } catch (error) {
    const response = error as { statusCode: number; exception: unknown };
    assert.equal(response.statusCode, statusCode, `expected ${statusCode}, got ${response.statusCode}: ${JSON.stringify(response.exception)}`);
    return response;
  }
  assert.fail(`expected a ${statusCode} rejection, but the call succeeded`);
}

export function claims(token: string | undefined): JWTPayload & Record<string, unknown> {
  assert.ok(token, 'expected a token');
  return decodeJwt(token) as JWTPayload & Record<string, unknown>;
}

export function header(token: string | undefined) {
  assert.ok(token, 'expected a token');
  return decodeProtectedHeader(token);
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeResult {
  location: URL;
  code: string | null;
  /** The `fusionauth.sso` cookie value, when one was set. */
  ssoCookie: string | null;
}

function cookieValue(response: Response, name: string): string | null {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [key, ...value] = (pair ?? '').split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/**
 * The browser part of the authorization code flow, by plain HTTP: GET /oauth2/authorize, then post
 * the hosted login form (unless an SSO cookie makes the IdP redirect at once).
 */
export async function authorize(
  url: string,
  parameters: Record<string, string>,
  credentials: { loginId: string; password: string } | null,
  ssoCookie: string | null = null,
): Promise<AuthorizeResult> {
  const query = new URLSearchParams({ response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid offline_access', ...parameters });
  const headers: Record<string, string> = ssoCookie ? { cookie: `fusionauth.sso=${ssoCookie}` } : {};
  let response = await fetch(`${url}/oauth2/authorize?${query}`, { redirect: 'manual', headers });
  if (response.status === 200 && credentials) {
    const form = new URLSearchParams({ ...Object.fromEntries(query), ...credentials });
    response = await fetch(`${url}/oauth2/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
  }
  assert.equal(response.status, 302, `authorize answered ${response.status}: ${await response.text()}`);
  const location = new URL(response.headers.get('location') ?? '');
  return { location, code: location.searchParams.get('code'), ssoCookie: cookieValue(response, 'fusionauth.sso') ?? ssoCookie };
}
