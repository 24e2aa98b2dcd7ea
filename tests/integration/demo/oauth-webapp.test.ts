import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AttackResult, RunEvent, RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, startWorld, type Answer, type TestWorld } from './harness.ts';

// The authorization code grant between real processes: the Store's redirect with state and PKCE,
// the identity provider's own login page, the code exchange, single sign-on for the Forums, logout
// at both ends, and the attacks on the code, each refused where the article says.

const WORKFLOW = 'webapp/oauth-authorization-code-jwt-refresh-cookies';

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

/** Logs in to the Store: through the login page, or straight through while the identity provider's session lasts. */
async function logInToStore(browser: Browser, run: RunSnapshot): Promise<void> {
  const hops = await follow(browser, `${world.origins.store}/login`);
  if (hops.at(-1)!.url === `${world.origins.store}/shopping-cart`) return;
  const page = hops.at(-1)!.answer;
  assert.equal(page.status, 200, 'the identity provider shows its login page');
  const signedIn = await signIn(browser, page, run.user);
  assert.equal(signedIn.status, 302, signedIn.body);
  const back = await follow(browser, signedIn.headers.location!);
  assert.equal(back.at(-1)!.url, `${world.origins.store}/shopping-cart`);
  assert.equal(back.at(-1)!.answer.status, 200);
}

describe('web app: authorization code grant, JWT and refresh token cookies', () => {
  let browser: Browser;
  let run: RunSnapshot;

  before(async () => {
    browser = new Browser(world);
    run = await browser.startRun(WORKFLOW);
  });

  test("the Store's login is a redirect to the identity provider with state, PKCE S256 and its registered redirect URI", async () => {
    const answer = await browser.get(`${world.origins.store}/login`);
    assert.equal(answer.status, 302);
    const authorize = new URL(answer.headers.location!);
    assert.equal(authorize.origin + authorize.pathname, `${world.origins.idp}/oauth2/authorize`);
    assert.equal(authorize.searchParams.get('redirect_uri'), `${world.origins.store}/oauth-redirect`);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('code_challenge')!, /^[\w-]{43}$/);
    assert.match(authorize.searchParams.get('state')!, /^[\w-]{43}$/);
    assert.equal(authorize.searchParams.get('scope'), 'openid offline_access');
    assert.match(answer.setCookies.join('\n'), /^oauth_login=[\w-]+; Max-Age=600; Path=\/oauth-redirect; HttpOnly; SameSite=Lax$/m);
  });

  test('the password goes only to the identity provider; the Store ends up with host-only HttpOnly token cookies', async () => {
    await logInToStore(browser, run);
    const sso = browser.cookie('fusionauth.sso');
    assert.ok(sso?.hostOnly && sso.domain === new URL(world.origins.idp).hostname, 'the SSO cookie is host-only on the login host');
    for (const name of ['access_token', 'refresh_token']) assert.equal(browser.cookie(name)?.domain, new URL(world.origins.store).hostname);
    const events = await browser.demo('GET', '/run');
    const exchanges = events.json<RunSnapshot>().exchanges;
    const toStore = exchanges.filter((exchange) => exchange.to === 'Store').map((exchange) => exchange.request.body ?? '').join('\n');
    assert.doesNotMatch(toStore, new RegExp(run.user.password));
    assert.ok(exchanges.some((exchange) => exchange.from === 'Store' && exchange.to === 'IdP' && exchange.url.endsWith('/oauth2/token')), 'the code exchange is traced');
  });

  test('the Forums log in through single sign-on: no login page, straight back with a code', async () => {
    const hops = await follow(browser, `${world.origins.forums}/login`);
    assert.deepEqual(hops.map((hop) => hop.answer.status), [302, 302, 302, 200]);
    assert.equal(hops.at(-1)!.url, `${world.origins.forums}/posts`);
    assert.doesNotMatch(hops.map((hop) => hop.answer.body).join(''), /type="password"/);
  });

  test("a code arriving without the browser's pending login is refused by the state check", async () => {
    const stranger = new Browser(world);
    stranger.jar = browser.jar.filter((cookie) => cookie.name === 'demo_run');
    const answer = await stranger.get(`${world.origins.store}/oauth-redirect?code=anything&state=anything`);
    assert.equal(answer.status, 403);
    assert.match(answer.body, /not started in this browser/);
  });

  test('the OAuth attacks end as the article says', async () => {
    const events = await browser.openEvents();
    try {
      const attack = (kind: string) => browser.demo('POST', '/run/attack', { attack: kind });
      const replay = await attack('code-replay');
      assert.equal(replay.status, 200, replay.body);
      assert.equal(replay.json<AttackResult>().succeeded, false);
      assert.match(replay.json<AttackResult>().summary, /works only once/);

      // The lures open in the reader's browser: this test follows each link as the framed browser would.
      const lures = () => events.events.filter((event): event is Extract<RunEvent, { type: 'lure' }> => event.type === 'lure');
      const lured = async (kind: string) => {
        const before = lures().length;
        const pending = attack(kind);
        await events.waitFor(() => lures().length > before);
        await follow(browser, lures().at(-1)!.url);
        const answer = await pending;
        assert.equal(answer.status, 200, answer.body);
        return answer.json<AttackResult>();
      };
      const csrf = await lured('login-csrf');
      assert.equal(csrf.succeeded, false, csrf.summary);
      assert.match(csrf.summary, /refused it \(403\)/);
      const foreign = await lured('foreign-redirect-uri');
      assert.equal(foreign.succeeded, false, foreign.summary);
      assert.match(foreign.summary, /refused the link \(400\)/);
      const stolen = await lured('stolen-code');
      assert.equal(stolen.succeeded, false, stolen.summary);
      assert.match(stolen.summary, /does not match your login's challenge/);
      assert.match(stolen.summary, /your own login failed/);
    } finally {
      events.close();
    }
  });

  test("logout clears the Store's cookies, revokes its refresh token and ends the identity provider's session", async () => {
    await logInToStore(browser, run);
    const page = await browser.get(`${world.origins.store}/shopping-cart`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(csrf);
    const loggedOut = await browser.post(`${world.origins.store}/logout`, { origin: world.origins.store, form: { csrf } });
    assert.equal(loggedOut.status, 302);
    assert.match(loggedOut.headers.location!, /\/oauth2\/logout\?client_id=/);
    const hops = await follow(browser, loggedOut.headers.location!);
    assert.equal(hops.at(-1)!.url, `${world.origins.store}/`);
    assert.equal(browser.cookie('fusionauth.sso'), undefined);
    assert.equal(browser.cookie('access_token', new URL(world.origins.store).hostname), undefined);
    const again = await follow(browser, `${world.origins.store}/login`);
    assert.match(again.at(-1)!.answer.body, /type="password"/, 'the next login asks for the password again');
  });
});
