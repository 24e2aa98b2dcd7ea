import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FusionAuthClient } from '@fusionauth/typescript-client';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { idpConnection, type ApplicationCredentials } from '../../../demo-server/idp-connection.ts';
import { demoKickstart, kickstartVariable, readKickstart } from '../../../demo-server/kickstart.ts';
import { authorize, claims, header, pkcePair, rejection, startIdp, type TestIdp } from './harness.ts';

// The authorization code grant as the demo's Store and Forums backends meet it, on the shipped
// demo-server/kickstart.json (confidential clients, PKCE S256 required). The browser side goes over
// plain HTTP as a browser would; the backend side only through @fusionauth/typescript-client, whose
// rejections carry `statusCode` and the OAuth error body as `exception`. The IdP's own edge cases on
// test applications (PKCE `plain`, code expiry, Basic auth, public clients) are in oauth.test.ts.

const variable = (name: string) => kickstartVariable(name, demoKickstart());

interface App extends ApplicationCredentials {
  redirectUri: string;
  /** The application's other registered redirect URI. */
  spaRedirectUri: string;
}

const app = (name: 'store' | 'forums', credentials: ApplicationCredentials): App => ({
  ...credentials,
  redirectUri: `${variable(`${name}Origin`)}/oauth-redirect`,
  spaRedirectUri: `${variable(`${name}Origin`)}/spa/oauth-redirect`,
});

const RICHARD = { loginId: variable('userEmail'), password: variable('userPassword') };

let t: TestIdp;
/** A demo backend's client: the kickstart's API key, as idp-connection.ts builds it. */
let backend: FusionAuthClient;
let STORE: App;
let FORUMS: App;
before(async () => {
  t = await startIdp({ kickstart: readKickstart() });
  const connection = idpConnection({ IDP_PORT: new URL(t.url).port });
  backend = connection.client();
  STORE = app('store', connection.store);
  FORUMS = app('forums', connection.forums);
});
after(() => t.close());

interface OAuthErrorBody {
  error: string;
  error_reason: string;
  error_description: string;
}

/** Asserts the client call rejects with this status and OAuth error, as a backend would see it. */
async function refused(call: Promise<unknown>, statusCode: number, error: string, reason: string): Promise<void> {
  const { exception } = await rejection(call, statusCode);
  const body = exception as OAuthErrorBody;
  assert.equal(body.error, error, JSON.stringify(body));
  assert.equal(body.error_reason, reason, JSON.stringify(body));
  assert.equal(typeof body.error_description, 'string');
}

/** The browser's part: the hosted login page with PKCE S256, ending on the app's redirect URI with a code. */
async function signIn(application: App, parameters: Record<string, string> = {}) {
  const { verifier, challenge } = pkcePair();
  const result = await authorize(
    t.url,
    { client_id: application.id, redirect_uri: application.redirectUri, code_challenge: challenge, code_challenge_method: 'S256', ...parameters },
    RICHARD,
  );
  assert.ok(result.code, `no code in ${result.location.href}`);
  return { code: result.code, verifier, location: result.location, ssoCookie: result.ssoCookie };
}

/** The backend's part: what the Store or Forums does on its /oauth-redirect. */
const exchange = (application: App, code: string, verifier: string, redirectUri = application.redirectUri) =>
  backend.exchangeOAuthCodeForAccessTokenUsingPKCE(code, application.id, application.clientSecret, redirectUri, verifier);

const CODE_NOT_FOUND = [400, 'invalid_grant', 'auth_code_not_found'] as const;
const none = undefined as unknown as string;

describe('code exchange through @fusionauth/typescript-client', () => {
  test('a PKCE exchange returns tokens whose access token verifies against the JWKS, is for this client, and comes with a refresh token for offline_access', async () => {
    const { code, verifier } = await signIn(STORE);
    const { statusCode, response } = await exchange(STORE, code, verifier);
    assert.equal(statusCode, 200);
    assert.equal(response.token_type, 'Bearer');
    assert.equal(response.scope, 'openid offline_access');
    assert.equal(response.userId, variable('userUserId'));
    assert.ok(response.refresh_token && response.refresh_token_id && response.id_token);

    const jwks = await backend.retrieveJsonWebKeySet();
    const { payload } = await jwtVerify(response.access_token!, createLocalJWKSet({ keys: jwks.response.keys as never }), {
      issuer: variable('issuer'),
      audience: STORE.id,
      currentDate: new Date(t.clock.now()),
    });
    assert.deepEqual(header(response.access_token), { alg: 'RS256', typ: 'JWT', kid: variable('signingKeyId') });
    assert.equal(payload.sub, variable('userUserId'));
    assert.equal(payload.applicationId, STORE.id);
    assert.deepEqual(payload.roles, ['customer']);

    const userinfo = await backend.retrieveUserInfoFromAccessToken(response.access_token!);
    assert.equal(userinfo.response.email, RICHARD.loginId);
    const refreshed = await backend.exchangeRefreshTokenForAccessToken(response.refresh_token!, STORE.id, STORE.clientSecret, none, none);
    assert.equal(refreshed.statusCode, 200);
    assert.equal(claims(refreshed.response.access_token).aud, STORE.id);
  });

  test('without offline_access in the scope the exchange returns no refresh token', async () => {
    const { code, verifier } = await signIn(STORE, { scope: 'openid' });
    const { response } = await exchange(STORE, code, verifier);
    assert.ok(response.access_token);
    assert.equal(response.refresh_token, undefined);
    assert.equal(response.refresh_token_id, undefined);
  });

  test('a code redeemed a second time is refused with invalid_grant auth_code_not_found, and the tokens of the first redemption keep working', async () => {
    const { code, verifier } = await signIn(STORE);
    const first = (await exchange(STORE, code, verifier)).response;
    await refused(exchange(STORE, code, verifier), ...CODE_NOT_FOUND);
    // Not revoked: RFC 6749 §4.1.2 says SHOULD, but a spent code keeps no link to the tokens it produced.
    assert.equal((await backend.retrieveUserInfoFromAccessToken(first.access_token!)).statusCode, 200);
    const refreshed = await backend.exchangeRefreshTokenForAccessToken(first.refresh_token!, STORE.id, STORE.clientSecret, none, none);
    assert.equal(refreshed.statusCode, 200);
  });

  test('a code redeemed without its code_verifier is refused with invalid_request missing_code_verifier, and the attempt burns the code', async () => {
    const { code, verifier } = await signIn(STORE);
    await refused(backend.exchangeOAuthCodeForAccessToken(code, STORE.id, STORE.clientSecret, STORE.redirectUri), 400, 'invalid_request', 'missing_code_verifier');
    // Safe: a code presented without its proof may have leaked, so nobody gets a second try at it.
    await refused(exchange(STORE, code, verifier), ...CODE_NOT_FOUND);
  });

  test('a code redeemed with the wrong code_verifier is refused with invalid_grant invalid_pkce_code_verifier, and the attempt burns the code', async () => {
    const { code, verifier } = await signIn(STORE);
    await refused(exchange(STORE, code, pkcePair().verifier), 400, 'invalid_grant', 'invalid_pkce_code_verifier');
    // Safe: whoever holds a stolen code gets exactly one guess at the verifier, and a later right one cannot win.
    await refused(exchange(STORE, code, verifier), ...CODE_NOT_FOUND);
  });

  test('a redirect_uri at the token endpoint other than the one sent to authorize is refused, even another registered one, and the attempt burns the code', async () => {
    const { code, verifier } = await signIn(STORE);
    await refused(exchange(STORE, code, verifier, STORE.spaRedirectUri), 400, 'invalid_request', 'invalid_redirect_uri');
    // Safe: a mismatch means the code travelled somewhere it was not sent, so it is treated as leaked.
    await refused(exchange(STORE, code, verifier), ...CODE_NOT_FOUND);
  });

  test('a wrong client secret is refused with 401 invalid_client before the code is looked at, so the code can still be redeemed', async () => {
    const { code, verifier } = await signIn(STORE);
    await refused(
      backend.exchangeOAuthCodeForAccessTokenUsingPKCE(code, STORE.id, 'not-the-store-secret', STORE.redirectUri, verifier),
      401,
      'invalid_client',
      'invalid_client_authentication',
    );
    assert.equal((await exchange(STORE, code, verifier)).statusCode, 200);
  });

  test('a redemption with no client secret at all is refused with 401 invalid_client, and that attempt does burn the code', async () => {
    const { code, verifier } = await signIn(STORE);
    await refused(
      backend.exchangeOAuthCodeForAccessTokenUsingPKCE(code, STORE.id, none, STORE.redirectUri, verifier),
      401,
      'invalid_client',
      'client_authentication_missing',
    );
    // Safe: an unauthenticated caller presenting the code means it leaked (a missing secret is judged after the code is taken).
    await refused(exchange(STORE, code, verifier), ...CODE_NOT_FOUND);
  });

  test('a Forums code redeemed by the Store, with its own valid secret, is refused with invalid_grant auth_code_not_found, and is then lost to the Forums too', async () => {
    const { code, verifier } = await signIn(FORUMS);
    await refused(exchange(STORE, code, verifier, FORUMS.redirectUri), ...CODE_NOT_FOUND);
    await refused(exchange(STORE, code, verifier, STORE.redirectUri), ...CODE_NOT_FOUND);
    // Safe: a code in the wrong client's hands has leaked; the Forums' user simply signs in again.
    await refused(exchange(FORUMS, code, verifier), ...CODE_NOT_FOUND);
  });
});

describe('authorize requests as a browser sends them', () => {
  const authorizeUrl = (parameters: Record<string, string>) =>
    `${t.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', scope: 'openid offline_access', ...parameters })}`;

  test('an unregistered redirect URI gets a 400 error page with no Location and no cookie, however close it looks to a registered one', async () => {
    const { challenge } = pkcePair();
    const registered = STORE.redirectUri; // http://store.example.localhost:4400/oauth-redirect
    const origin = variable('storeOrigin');
    const lookalikes = [
      registered.replace(':4400', ':4401'), // another port
      registered.replace(':4400', ''), // the scheme's default port
      registered.replace('http:', 'https:'), // another scheme
      `${registered}/`, // trailing slash
      `${registered}/extra`, // extra path
      `${registered}?next=http://evil.example/`, // extra query
      `${registered}#fragment`,
      `${origin}/spa/../oauth-redirect`, // dot segments that a URL parser would normalise to the registered URI
      `${origin}/spa%2F..%2Foauth-redirect`, // the same, URL-encoded
      `${registered}%2F..%2F..%2Fhacker`, // encoded escape out of the registered path
      registered.replace('store.example', 'STORE.example'), // host case
      registered.replace('store.example.localhost', 'store.example.localhost.evil.example'), // suffix host
      registered.replace('http://', 'http://store.example.localhost:4400@evil.example/'), // userinfo
      FORUMS.redirectUri, // another application's URI
      '',
    ];
    const { ssoCookie } = await signIn(STORE);
    for (const redirectUri of lookalikes) {
      const parameters = { client_id: STORE.id, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: 's' };
      // Signed out, signed in (the SSO session must not hand a code to it), and the form posted with good credentials.
      const answers = [
        await fetch(authorizeUrl(parameters), { redirect: 'manual' }),
        await fetch(authorizeUrl(parameters), { redirect: 'manual', headers: { cookie: `fusionauth.sso=${ssoCookie}` } }),
        await fetch(`${t.url}/oauth2/authorize`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ response_type: 'code', ...parameters, ...RICHARD }),
        }),
      ];
      for (const answer of answers) {
        assert.equal(answer.status, 400, `${redirectUri}: ${answer.status}`);
        assert.equal(answer.headers.get('location'), null, redirectUri);
        assert.deepEqual(answer.headers.getSetCookie(), [], redirectUri);
        assert.match(await answer.text(), /redirect_uri of this sign-in request is not authorized/);
      }
    }
  });

  test('an authorize request without a code_challenge goes back to the registered redirect URI with error=invalid_request and its state, before any sign-in', async () => {
    const state = 'no-pkce-state';
    const parameters = { client_id: STORE.id, redirect_uri: STORE.redirectUri, state };
    const answers = [
      await fetch(authorizeUrl(parameters), { redirect: 'manual' }),
      // The login form posted straight away is refused the same way, before the password is checked.
      await fetch(`${t.url}/oauth2/authorize`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ response_type: 'code', ...parameters, ...RICHARD }),
      }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 302);
      assert.deepEqual(answer.headers.getSetCookie(), []);
      const location = new URL(answer.headers.get('location') ?? '');
      assert.equal(`${location.origin}${location.pathname}`, STORE.redirectUri);
      assert.equal(location.searchParams.get('error'), 'invalid_request');
      assert.equal(location.searchParams.get('error_reason'), 'missing_code_challenge');
      assert.equal(location.searchParams.get('state'), state);
      assert.equal(location.searchParams.get('code'), null);
    }
  });

  test('state comes back unchanged on the redirect, after the login form and through the SSO session alike', async () => {
    // The IdP only echoes state; checking it against the value the app stored before redirecting
    // (login CSRF) is the application's job, not the IdP's.
    const state = 'a b+c/d?e=f&g%20h#ünï;"<x>' + 'z'.repeat(200);
    const viaForm = await signIn(STORE, { state });
    assert.equal(viaForm.location.searchParams.get('state'), state);
    assert.equal(viaForm.location.searchParams.getAll('state').length, 1);
    const { challenge } = pkcePair();
    const viaSso = await authorize(
      t.url,
      { client_id: FORUMS.id, redirect_uri: FORUMS.redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state },
      null,
      viaForm.ssoCookie,
    );
    assert.equal(viaSso.location.searchParams.get('userState'), 'Authenticated');
    assert.equal(viaSso.location.searchParams.get('state'), state);
  });
});
