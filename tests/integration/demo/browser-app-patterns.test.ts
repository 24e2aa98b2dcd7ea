import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, startWorld, type Answer, type TestWorld } from './harness.ts';

// Today's browser-app patterns over HTTP: the backend-for-frontend's session cookie, CSRF header
// and allow-listed forwarding; the token-mediating backend's access tokens; the Store's API, which
// takes access tokens only.

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
