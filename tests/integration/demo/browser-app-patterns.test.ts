import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { AttackResult, RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, startWorld, type Answer, type TestWorld } from './harness.ts';

// Today's browser-app patterns over HTTP: the backend-for-frontend's session cookie, CSRF header
// and allow-listed forwarding; the token-mediating backend's access tokens; the browser-only
// client's code grant, rotating refresh tokens and reuse detection; the Store's API, which takes
// access tokens only.

let world: TestWorld;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.stop();
});

async function follow(browser: Browser, url: string): Promise<{ url: string; answer: Answer }[]> {
  const hops: { url: string; answer: Answer }[] = [];
  let next: string | undefined = url;
  while (next && hops.length < 8) {
    const answer = await browser.get(next, { headers: { 'sec-fetch-site': 'same-origin' } });
    hops.push({ url: next, answer });
    next = answer.status >= 300 && answer.status < 400 && answer.headers.location ? new URL(answer.headers.location, next).href : undefined;
  }
  return hops;
}

/** Logs in at the Store through the identity provider's page, as the framed browser would. */
async function logIn(browser: Browser, run: RunSnapshot): Promise<void> {
  const page = (await follow(browser, `${world.origins.store}/login`)).at(-1)!.answer;
  const hidden = Object.fromEntries([...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&#38;/g, '&')]));
  const signedIn = await browser.post(`${world.origins.idp}/oauth2/authorize`, { origin: world.origins.idp, headers: { 'sec-fetch-site': 'same-origin' }, form: { ...hidden, loginId: run.user.email, password: run.user.password } });
  assert.equal(signedIn.status, 302, signedIn.body);
  const back = await follow(browser, signedIn.headers.location!);
  assert.equal(back.at(-1)!.url, `${world.origins.store}/`);
}

const CSRF = { 'x-csrf': '1' };

describe('backend-for-frontend', () => {
  let browser: Browser;
  before(async () => {
    browser = new Browser(world);
    await logIn(browser, await browser.startRun('spa/backend-for-frontend'));
  });

  test('the browser holds one __Host- session cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain, and no token', () => {
    const names = browser.jar.filter((cookie) => cookie.domain === new URL(world.origins.store).hostname).map((cookie) => cookie.name);
    assert.deepEqual(names, ['__Host-session']);
  });

  test('the SPA reads the cart through the backend, which calls the API with the access token and no cookie', async () => {
    const cart = await browser.get(`${world.origins.store}/api/store/cart`, { headers: CSRF });
    assert.equal(cart.status, 200, cart.body);
    const run = (await browser.demo('GET', '/run')).json<RunSnapshot>();
    const call = run.exchanges.findLast((exchange) => exchange.from === 'Store' && exchange.to === 'API');
    assert.ok(call, 'the backend called the API');
    assert.deepEqual(call.request.cookies, {});
    assert.match(call.request.authorization ?? '', /^Bearer eyJ/);
  });

  test('a call without the CSRF header is refused before it does anything', async () => {
    const cart = await browser.get(`${world.origins.store}/api/store/cart`);
    assert.equal(cart.status, 403);
  });

  test('the backend forwards to its allow-listed API paths only: no other host, port or escaped path', async () => {
    const apiCalls = async () => (await browser.demo('GET', '/run')).json<RunSnapshot>().exchanges.filter((exchange) => exchange.to === 'API').length;
    const before = await apiCalls();
    for (const path of ['//evil.example/cart', '//api.example.localhost:9999/cart', '..%2Fadmin', 'cart%2F..%2Fusers', 'users', 'http://evil.example/cart']) {
      const answer = await browser.get(`${world.origins.store}/api/store/${path}`, { headers: CSRF });
      assert.equal(answer.status, 403, `${path}: ${answer.body}`);
    }
    // The URL parser itself resolves an encoded dot segment before any route sees it: nothing to forward.
    assert.equal((await browser.get(`${world.origins.store}/api/store/%2e%2e/cart`, { headers: CSRF })).status, 404);
    assert.equal(await apiCalls(), before, 'no refused request reached the API');
  });
});

describe('token-mediating backend', () => {
  test('hands the SPA an access token for the API, never a refresh token', async () => {
    const browser = new Browser(world);
    await logIn(browser, await browser.startRun('spa/token-mediating-backend'));
    const answer = await browser.post(`${world.origins.store}/api/token`, { origin: world.origins.store, headers: CSRF });
    assert.equal(answer.status, 200, answer.body);
    const body = answer.json<Record<string, string>>();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'token_type']);
    const cart = await browser.get(`${world.origins.api}/cart`, { headers: { authorization: `Bearer ${body.access_token}` }, withoutCookies: true });
    assert.equal(cart.status, 200, cart.body);
  });

  test('renews the access token on request with the refresh token it keeps, and refuses token requests from other origins', async () => {
    const browser = new Browser(world);
    await logIn(browser, await browser.startRun('spa/token-mediating-backend'));
    const first = (await browser.post(`${world.origins.store}/api/token`, { origin: world.origins.store, headers: CSRF })).json<{ access_token: string }>();
    const renewed = await browser.post(`${world.origins.store}/api/token?renew=1`, { origin: world.origins.store, headers: CSRF });
    assert.equal(renewed.status, 200, renewed.body);
    assert.notEqual(renewed.json<{ access_token: string }>().access_token, first.access_token);
    const withoutHeader = await browser.post(`${world.origins.store}/api/token`, { origin: world.origins.store });
    assert.equal(withoutHeader.status, 403);
    const fromTheForums = await browser.post(`${world.origins.store}/api/token`, { origin: world.origins.forums, headers: CSRF });
    assert.equal(fromTheForums.status, 403);
  });
});

const base64url = (bytes: Buffer) => bytes.toString('base64url');

interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
}

/** The browser-only SPA's side of the code grant, as browser-client.js runs it: PKCE, state, no secret. */
class BrowserOnlyClient {
  readonly browser: Browser;
  readonly clientId: string;
  readonly redirectUri = `${world.origins.store}/callback`;

  constructor(browser: Browser, clientId: string) {
    this.browser = browser;
    this.clientId = clientId;
  }

  static async open(browser: Browser): Promise<BrowserOnlyClient> {
    const page = await browser.get(`${world.origins.store}/`);
    assert.equal(page.status, 200, page.body);
    assert.match(String(page.headers['content-security-policy']), new RegExp(`frame-src 'self' ${world.origins.idp}`), 'the page may frame the identity provider, for its silent login');
    const clientId = /data-client-id="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(clientId, 'the page names its public client');
    return new BrowserOnlyClient(browser, clientId);
  }

  /** An authorization request with a fresh state and PKCE pair. */
  authorize(prompt?: 'none'): { url: string; state: string; verifier: string } {
    const state = base64url(randomBytes(16));
    const verifier = base64url(randomBytes(32));
    const url = new URL('/oauth2/authorize', world.origins.idp);
    url.search = new URLSearchParams({
      client_id: this.clientId, redirect_uri: this.redirectUri, response_type: 'code', scope: 'openid offline_access', state,
      code_challenge: base64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256', ...(prompt ? { prompt } : {}),
    }).toString();
    return { url: url.href, state, verifier };
  }

  /** A call to the identity provider's token endpoint from the Store's page: cross-origin, no secret. */
  token(form: Record<string, string>): Promise<Answer> {
    return this.browser.post(`${world.origins.idp}/oauth2/token`, { origin: world.origins.store, form: { client_id: this.clientId, ...form } });
  }

  /** Logs in at the identity provider's page and redeems the code with the verifier. */
  async logIn(run: RunSnapshot): Promise<TokenAnswer> {
    const request = this.authorize();
    const page = await this.browser.get(request.url);
    assert.equal(page.status, 200, page.body);
    const hidden = Object.fromEntries([...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&#38;/g, '&')]));
    const signedIn = await this.browser.post(`${world.origins.idp}/oauth2/authorize`, { origin: world.origins.idp, headers: { 'sec-fetch-site': 'same-origin' }, form: { ...hidden, loginId: run.user.email, password: run.user.password } });
    assert.equal(signedIn.status, 302, signedIn.body);
    return this.redeem(signedIn, request);
  }

  /** Redeems the code the identity provider's redirect carries. */
  async redeem(redirect: Answer, request: { state: string; verifier: string }): Promise<TokenAnswer> {
    const back = new URL(redirect.headers.location!);
    assert.equal(`${back.origin}${back.pathname}`, this.redirectUri);
    assert.equal(back.searchParams.get('state'), request.state);
    const code = back.searchParams.get('code');
    assert.ok(code, `a code, not ${back.search}`);
    const answer = await this.token({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri, code_verifier: request.verifier });
    assert.equal(answer.status, 200, answer.body);
    return answer.json<TokenAnswer>();
  }

  refresh(refreshToken: string): Promise<Answer> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }
}

describe('browser-only client', () => {
  let browser: Browser;
  let client: BrowserOnlyClient;
  let run: RunSnapshot;
  let tokens: TokenAnswer;
  before(async () => {
    browser = new Browser(world);
    run = await browser.startRun('spa/browser-only-oauth-client');
    client = await BrowserOnlyClient.open(browser);
  });

  test('a silent login without a session at the identity provider comes back with login_required', async () => {
    const request = client.authorize('none');
    const answer = await browser.get(request.url);
    assert.equal(answer.status, 302);
    const back = new URL(answer.headers.location!);
    assert.equal(back.searchParams.get('error'), 'login_required');
    assert.equal(back.searchParams.get('state'), request.state);
  });

  test('the SPA redeems the code itself, with its verifier and no secret, and the API takes the access token', async () => {
    tokens = await client.logIn(run);
    assert.ok(tokens.refresh_token, 'a refresh token for the public client');
    const cart = await browser.get(`${world.origins.api}/cart`, { headers: { authorization: `Bearer ${tokens.access_token}` }, withoutCookies: true });
    assert.equal(cart.status, 200, cart.body);
  });

  test('a code without its verifier is refused', async () => {
    const request = client.authorize('none');
    const redirect = await browser.get(request.url);
    const code = new URL(redirect.headers.location!).searchParams.get('code')!;
    const answer = await client.token({ grant_type: 'authorization_code', code, redirect_uri: client.redirectUri });
    assert.equal(answer.status, 400, answer.body);
  });

  test('each refresh rotates the refresh token; a spent one coming back revokes the whole family, the newest token included', async () => {
    const first = await client.refresh(tokens.refresh_token!);
    assert.equal(first.status, 200, first.body);
    const appsToken = first.json<TokenAnswer>().refresh_token!;
    assert.ok(appsToken && appsToken !== tokens.refresh_token, 'a new refresh token');
    // Whoever holds the app's current token can redeem it, no secret needed: here a thief, who keeps the successor.
    const stolen = await client.refresh(appsToken);
    assert.equal(stolen.status, 200, stolen.body);
    const thiefsToken = stolen.json<TokenAnswer>().refresh_token!;
    // The app presents the token the thief spent: reuse.
    assert.equal((await client.refresh(appsToken)).status, 400);
    assert.equal((await client.refresh(thiefsToken)).status, 400, "the thief's token died with its family");
    assert.equal((await client.refresh(tokens.refresh_token!)).status, 400);
  });

  test("the hacker's refresh token works until the app's reuse revokes its family", async () => {
    const request = client.authorize('none');
    const login = await client.redeem(await browser.get(request.url), request);
    await browser.demo('POST', '/run/clock', { jump: 'jwt-expires' });
    const renewed = (await client.refresh(login.refresh_token!)).json<TokenAnswer>();
    // The injected script copied the expired access token, and the renewal's answer, and hands them to the hacker.
    const persist = (await browser.demo('POST', '/run/attack', { attack: 'xss-persist', loot: { tokens: [login.access_token, renewed.access_token], refreshTokens: [renewed.refresh_token] } })).json<AttackResult>();
    assert.equal(persist.succeeded, true, persist.summary);
    const exchanges = (await browser.demo('GET', '/run')).json<RunSnapshot>().exchanges.filter((exchange) => persist.exchangeIds.includes(exchange.id));
    assert.deepEqual(
      exchanges.map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname} ${exchange.response?.status}`),
      ['GET /cart 200', 'POST /oauth2/token 200'],
      'the hacker tries the access token that expires last, and redeems the refresh token',
    );
    const before = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    assert.equal(before.succeeded, true, before.summary);
    assert.equal((await client.refresh(renewed.refresh_token!)).status, 400, 'the app presents the token the hacker spent');
    const after = (await browser.demo('POST', '/run/attack', { attack: 'stolen-refresh-token' })).json<AttackResult>();
    assert.equal(after.succeeded, false, after.summary);
    assert.match(after.summary, /refused/);
  });

  test('logging out revokes the refresh token the SPA holds, and the identity provider ends its session', async () => {
    const request = client.authorize('none');
    const login = await client.redeem(await browser.get(request.url), request);
    const logout = await browser.post(`${world.origins.idp}/api/logout`, { origin: world.origins.store, json: { refreshToken: login.refresh_token } });
    assert.equal(logout.status, 200, logout.body);
    assert.equal((await client.refresh(login.refresh_token!)).status, 400);
    const ended = await browser.get(`${world.origins.idp}/oauth2/logout?${new URLSearchParams({ client_id: client.clientId, post_logout_redirect_uri: `${world.origins.store}/` })}`);
    assert.equal(ended.status, 302);
    assert.equal(new URL((await browser.get(client.authorize('none').url)).headers.location!).searchParams.get('error'), 'login_required');
  });
});

describe("the Store's API", () => {
  test('refuses a request without a valid access token, cookies or not', async () => {
    const browser = new Browser(world);
    await browser.startRun('spa/backend-for-frontend');
    for (const headers of [{}, { authorization: 'Bearer not-a-jwt' }] as Record<string, string>[]) {
      const answer = await browser.get(`${world.origins.api}/cart`, { headers });
      assert.equal(answer.status, 401, answer.body);
    }
  });
});
