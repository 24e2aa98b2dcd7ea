import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, startWorld, type Answer, type TestWorld } from './harness.ts';

// The SPAs whose backend is the OAuth client, between real processes: the SPA's login link, the
// backend's redirect to the identity provider, the code exchange at the backend's redirect URI and
// the way back to the SPA, what /api/user and the API answer afterwards, renewal where the storage
// has a refresh token, and the logout that continues at the identity provider.

let world: TestWorld;

before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.stop();
});

/** Follows redirects as a browser does, returning every answer on the way. */
async function follow(browser: Browser, url: string, limit = 8): Promise<{ url: string; answer: Answer }[]> {
  const hops: { url: string; answer: Answer }[] = [];
  let next: string | undefined = url;
  while (next && hops.length < limit) {
    const answer = await browser.get(next, { headers: { 'sec-fetch-site': 'same-origin' } });
    hops.push({ url: next, answer });
    next = answer.status >= 300 && answer.status < 400 && answer.headers.location ? new URL(answer.headers.location, next).href : undefined;
  }
  return hops;
}

/** Posts the identity provider's login page as the reader would, from the page itself. */
async function signIn(browser: Browser, loginPage: Answer, user: { email: string; password: string }): Promise<Answer> {
  const hidden = Object.fromEntries([...loginPage.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&#38;/g, '&')]));
  return browser.post(`${world.origins.idp}/oauth2/authorize`, {
    origin: world.origins.idp,
    headers: { 'sec-fetch-site': 'same-origin' },
    form: { ...hidden, loginId: user.email, password: user.password },
  });
}

/** What the SPA does after a page load: asks who is logged in, then loads the app's data. */
async function spaStarts(browser: Browser, origin: string, api: string): Promise<{ user: Answer; data: Answer }> {
  const page = await browser.get(`${origin}/`);
  assert.equal(page.status, 200);
  return { user: await browser.get(`${origin}/api/user`), data: await browser.get(`${origin}${api}`) };
}

const STORAGES = [
  { workflow: 'spa/oauth-authorization-code-jwt-refresh-cookies', cookies: ['access_token', 'refresh_token'], scope: 'openid offline_access', renews: true },
  { workflow: 'spa/oauth-authorization-code-session', cookies: ['SessionId'], scope: 'openid', renews: false },
  { workflow: 'spa/oauth-authorization-code-session-refresh-token', cookies: ['SessionId', 'refresh_token'], scope: 'openid offline_access', renews: true },
] as const;

for (const { workflow, cookies, scope, renews } of STORAGES) {
  describe(`${workflow}: the SPA's backend is the OAuth client`, () => {
    let browser: Browser;
    let run: RunSnapshot;
    const store = () => world.origins.store;
    const storeHost = () => new URL(world.origins.store).hostname;
    const cart = '/api/load-shopping-cart';

    before(async () => {
      browser = new Browser(world);
      run = await browser.startRun(workflow);
    });

    test('nobody is logged in: the SPA is told to offer a login link to the backend, and /api/user answers 404', async () => {
      const page = await browser.get(`${store()}/`);
      assert.match(page.body, /data-login-url="\/login"/);
      assert.match(page.body, /data-login-kind="redirect"/);
      assert.equal(/data-refresh-url="\/api\/refresh"/.test(page.body), renews, 'a refresh endpoint exactly when the storage has a refresh token');
      assert.match(page.body, /data-logout-url="\/api\/logout"/);
      assert.equal((await browser.get(`${store()}/api/user`)).status, 404);
      assert.equal((await browser.get(`${store()}${cart}`)).status, 401);
    });

    test('the backend starts the grant, redeems the code and sends the browser back to the SPA, which finds the user', async () => {
      const hops = await follow(browser, `${store()}/login`);
      const authorize = new URL(hops[0]!.answer.headers.location!);
      assert.equal(authorize.searchParams.get('scope'), scope);
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(authorize.searchParams.get('redirect_uri'), `${store()}/oauth-redirect`);
      const loginPage = hops.at(-1)!.answer;
      assert.equal(loginPage.status, 200);
      const signedIn = await signIn(browser, loginPage, run.user);
      assert.equal(signedIn.status, 302, signedIn.body);
      const back = await follow(browser, signedIn.headers.location!);
      assert.deepEqual(back.map((hop) => hop.answer.status), [302, 200], 'the redirect URI answers 302 → /, and / is the SPA');
      assert.equal(back.at(-1)!.url, `${store()}/`);
      for (const name of cookies) assert.equal(browser.cookie(name, storeHost())?.hostOnly, true, `${name} is host-only on the Store`);
      if (!cookies.includes('refresh_token' as never)) assert.equal(browser.cookie('refresh_token'), undefined);
      const { user, data } = await spaStarts(browser, store(), cart);
      assert.equal(user.status, 200);
      assert.equal(user.json<{ user: { email: string } }>().user.email, run.user.email);
      assert.doesNotMatch(user.body, /token/i);
      assert.equal(data.status, 200);
    });

    test(renews ? 'after expiry the API answers 401 and /api/refresh renews the login' : 'after expiry the API answers 401 and there is nothing to renew', async () => {
      await browser.demo('POST', '/run/clock', { jump: cookies.includes('SessionId' as never) ? 'session-expires' : 'jwt-expires' });
      assert.equal((await browser.get(`${store()}${cart}`)).status, 401);
      assert.equal((await browser.get(`${store()}/api/user`)).status, 401, 'a lapsed login is a 401, so the SPA tries to renew it');
      const refreshed = await browser.post(`${store()}/api/refresh`, { origin: store(), json: {} });
      assert.equal(refreshed.status, renews ? 200 : 404);
      if (renews) assert.equal((await browser.get(`${store()}${cart}`)).status, 200);
    });

    test('logout ends the login at the backend, then at the identity provider, and comes back to the SPA', async () => {
      if (!renews) {
        // The plain session lapsed above: the identity provider's session still lives, so the next login needs no password.
        const again = await follow(browser, `${store()}/login`);
        assert.equal(again.at(-1)!.url, `${store()}/`);
        assert.doesNotMatch(again.map((hop) => hop.answer.body).join(''), /type="password"/);
      }
      const refreshToken = browser.cookie('refresh_token', storeHost())?.value;
      const loggedOut = await browser.post(`${store()}/api/logout`, { origin: store(), json: {} });
      assert.equal(loggedOut.status, 200, loggedOut.body);
      const { next } = loggedOut.json<{ next?: string }>();
      assert.match(next ?? '', /\/oauth2\/logout\?client_id=/);
      for (const name of cookies) assert.equal(browser.cookie(name, storeHost()), undefined, `${name} is cleared`);
      const hops = await follow(browser, next!);
      assert.equal(hops.at(-1)!.url, `${store()}/`);
      assert.equal(browser.cookie('fusionauth.sso'), undefined);
      assert.equal((await browser.get(`${store()}/api/user`)).status, 404);
      if (refreshToken) {
        const replay = await browser.post(`${store()}/api/refresh`, { origin: store(), json: {}, headers: { cookie: `demo_run=${browser.cookie('demo_run')!.value}; refresh_token=${refreshToken}` }, withoutCookies: true });
        assert.equal(replay.status, 401, 'the logout revoked the refresh token');
      }
      const login = await follow(browser, `${store()}/login`);
      assert.match(login.at(-1)!.answer.body, /type="password"/, 'the next login asks for the password again');
    });

    test("a code arriving without the browser's pending login is refused by the state check", async () => {
      const answer = await browser.get(`${store()}/oauth-redirect?code=anything&state=anything`);
      assert.equal(answer.status, 403);
      assert.match(answer.body, /not started in this browser/);
      assert.equal((await browser.get(`${store()}/api/user`)).status, 404);
    });
  });
}
