import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { FusionAuthClient } from '@fusionauth/typescript-client';
import { expect, test, type Page } from '@playwright/test';
import { createIdp, type Idp } from '../../../demo-server/idp/app.ts';

// The embedded IdP's hosted login page and SSO, driven in Chromium. Self-contained: starts its own
// IdP (in-memory database) and a tiny "application" that only records where the IdP sent the browser.

const API_KEY = 'e2e-api-key-0123456789abcdef0123456789abcdef';
const PASSWORD = 'correct-horse-battery';
const STORE = { id: '77777777-0000-4000-8000-000000000001', secret: 'store-e2e-secret' };
const FORUMS = { id: '77777777-0000-4000-8000-000000000002', secret: 'forums-e2e-secret' };

let idp: Idp;
let idpUrl: string;
let catcher: Server;
let appUrl: string;

function kickstart(appOrigin: string) {
  const application = (app: { id: string; secret: string }, name: string) => ({
    method: 'POST',
    url: `/api/application/${app.id}`,
    body: {
      application: {
        name,
        oauthConfiguration: {
          authorizedRedirectURLs: [`${appOrigin}/${name.toLowerCase()}/oauth-redirect`],
          clientSecret: app.secret,
          enabledGrants: ['authorization_code', 'refresh_token'],
        },
      },
    },
  });
  return {
    apiKeys: [{ key: API_KEY }],
    requests: [
      application(STORE, 'Store'),
      application(FORUMS, 'Forums'),
      {
        method: 'POST',
        url: '/api/user/registration',
        body: { user: { email: 'richard@example.com', password: PASSWORD }, registration: { applicationId: STORE.id } },
      },
    ],
  };
}

test.beforeAll(async () => {
  // The "application": answers every redirect with a page showing what it received.
  catcher = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><title>Application</title><h1>Back at the application</h1><p>${request.url?.replace(/[<>&]/g, '')}</p>`);
  }).listen(0, '127.0.0.1');
  await once(catcher, 'listening');
  appUrl = `http://127.0.0.1:${(catcher.address() as { port: number }).port}`;
  idp = await createIdp({ databasePath: ':memory:', kickstart: kickstart(appUrl), log: () => {} });
  idpUrl = await idp.listen(0, '127.0.0.1');
});

test.afterAll(async () => {
  await idp?.close();
  catcher?.close();
});

function authorizeUrl(app: { id: string }, name: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({
    client_id: app.id,
    redirect_uri: `${appUrl}/${name}/oauth-redirect`,
    response_type: 'code',
    scope: 'openid offline_access',
    ...extra,
  });
  return `${idpUrl}/oauth2/authorize?${query}`;
}

/** Collects Content-Security-Policy violations the page reports in the console. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('hosted login page: sign in and come back to the application with code and state', async ({ page }) => {
  const violations = cspViolations(page);
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  await page.goto(authorizeUrl(STORE, 'store', { state: 'state-from-store', code_challenge: challenge, code_challenge_method: 'S256' }));

  await expect(page).toHaveTitle('Sign in · Store');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const loginId = page.getByLabel('Email or username');
  const password = page.getByLabel('Password');
  await expect(loginId).toHaveAttribute('autocomplete', 'username');
  await expect(password).toHaveAttribute('type', 'password');

  // A wrong password first: the form comes back with an alert and the login id kept.
  await loginId.fill('richard@example.com');
  await password.fill('not-my-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Invalid login credentials.');
  await expect(loginId).toHaveValue('richard@example.com');

  await password.fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${appUrl}/store/oauth-redirect?**`);
  const landed = new URL(page.url());
  expect(landed.searchParams.get('state')).toBe('state-from-store');
  expect(landed.searchParams.get('userState')).toBe('Authenticated');
  const code = landed.searchParams.get('code');
  expect(code).toBeTruthy();

  // The code is real: the application's backend exchanges it with its secret and the PKCE verifier.
  const client = new FusionAuthClient(API_KEY, idpUrl);
  const tokens = await client.exchangeOAuthCodeForAccessTokenUsingPKCE(code!, STORE.id, STORE.secret, `${appUrl}/store/oauth-redirect`, verifier);
  expect(tokens.statusCode).toBe(200);
  expect(tokens.response.refresh_token).toBeTruthy();

  const sso = (await page.context().cookies(idpUrl)).find((cookie) => cookie.name === 'fusionauth.sso');
  expect(sso).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  expect(violations).toEqual([]);
});

test('SSO: a second application signs in without showing the form', async ({ page }) => {
  await page.goto(authorizeUrl(STORE, 'store', { state: 'one' }));
  await page.getByLabel('Email or username').fill('richard@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${appUrl}/store/oauth-redirect?**`);

  const authorizeStatuses: number[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(`${idpUrl}/oauth2/authorize`)) authorizeStatuses.push(response.status());
  });
  await page.goto(authorizeUrl(FORUMS, 'forums', { state: 'two' }));
  await page.waitForURL(`${appUrl}/forums/oauth-redirect?**`);
  expect(authorizeStatuses).toEqual([302]);
  const landed = new URL(page.url());
  expect(landed.searchParams.get('state')).toBe('two');
  // Richard is registered for the Store only; FusionAuth says so in userState.
  expect(landed.searchParams.get('userState')).toBe('AuthenticatedNotRegistered');

  const client = new FusionAuthClient(API_KEY, idpUrl);
  const tokens = await client.exchangeOAuthCodeForAccessToken(landed.searchParams.get('code')!, FORUMS.id, FORUMS.secret, `${appUrl}/forums/oauth-redirect`);
  expect(tokens.response.userId).toBeTruthy();

  // After /oauth2/logout the IdP asks for the password again.
  await page.goto(`${idpUrl}/oauth2/logout?client_id=${FORUMS.id}`);
  await page.goto(authorizeUrl(FORUMS, 'forums'));
  await expect(page.getByLabel('Password')).toBeVisible();
});
