import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ArrowMatcher, type DiagramItem, type ExchangeLike } from '../../src/scripts/live-demo/arrow-matcher.ts';

/** The committed render of a diagram, read the way the page reads it (by attributes). */
function seedItems(prefix: string): DiagramItem[] {
  const file = readdirSync('diagrams/.cache').find((f) => f.startsWith(prefix))!;
  const svg = readFileSync(`diagrams/.cache/${file}`, 'utf8');
  const messages = [...svg.matchAll(/<g class="message[^"]*" data-step="(\d+)" data-label="([^"]*)">[\s\S]*?data-et="message" data-id="i(\d+)" data-from="(\w+)" data-to="(\w+)"/g)].map(
    ([, step, label, order, from, to]): DiagramItem => ({ kind: 'message', step: Number(step), label: label!.replace(/&amp;/g, '&'), order: Number(order), from: from!, to: to! }),
  );
  const notes = [...svg.matchAll(/<g data-et="note" data-id="i(\d+)"[^>]*>[\s\S]*?<tspan[^>]*>([^<]*)<\/tspan>/g)].map(
    ([, order, label]): DiagramItem => ({ kind: 'note', order: Number(order), label: label! }),
  );
  return [...messages, ...notes];
}

type Call = [from: string, to: string, method: string, path: string, status: number];

/** Plays exchanges in the order a server reports them (nested calls inside) and returns the lit steps. */
function play(matcher: ArrowMatcher, calls: Array<Call | Call[] | 'jwt-expires' | 'refresh-token-expires' | 'session-expires'>): number[] {
  let id = 0;
  const lit: number[] = [];
  const light = (m: { step: number | null; implied: number[]; failed: boolean }) => {
    lit.push(...m.implied);
    if (m.step !== null) lit.push(m.failed ? -m.step : m.step);
  };
  for (const entry of calls) {
    if (typeof entry === 'string') {
      matcher.clock(entry);
      continue;
    }
    // A nested call: [outer, inner…] — the outer request starts first and answers last.
    const [outer, ...inner] = (Array.isArray(entry[0]) ? entry : [entry]) as Call[];
    const exchange = (c: Call): ExchangeLike => ({ id: ++id, from: c[0], to: c[1], method: c[2], url: `http://host.example${c[3]}`, response: { status: c[4] } });
    const outerExchange = exchange(outer!);
    light(matcher.request(outerExchange));
    for (const call of inner) {
      const ex = exchange(call);
      light(matcher.request(ex));
      light(matcher.response(ex));
    }
    light(matcher.response(outerExchange));
  }
  return lit;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('web app: every step of the seed run lights its own arrow, in order', () => {
  const matcher = new ArrowMatcher(seedItems('webapp--native-form-to-backend-jwt-refresh-cookies--'));
  const login = (app: string): Call[] => [
    ['Browser', app, 'POST', '/login', 302],
    [app, 'IdP', 'POST', '/api/login', 200],
  ];
  const lit = play(matcher, [
    ['Browser', 'Store', 'GET', '/', 200],
    ['Browser', 'Store', 'GET', '/login', 200],
    login('Store'),
    ['Browser', 'Store', 'GET', '/shopping-cart', 200],
    'jwt-expires',
    [['Browser', 'Store', 'GET', '/shopping-cart', 200], ['Store', 'IdP', 'POST', '/api/jwt/refresh', 200]],
    'refresh-token-expires',
    [['Browser', 'Store', 'GET', '/shopping-cart', 302], ['Store', 'IdP', 'POST', '/api/jwt/refresh', 400]],
    ['Browser', 'Store', 'GET', '/login', 200],
  ]);
  assert.deepEqual(lit, [...range(1, 18), 19, 3, 4]);
  const rest = play(matcher, [
    ['Browser', 'Forums', 'GET', '/', 200],
    ['Browser', 'Forums', 'GET', '/login', 200],
    login('Forums'),
    ['Browser', 'Forums', 'GET', '/posts', 200],
    [['Hacker', 'Store', 'GET', '/shopping-cart', 200], ['Store', 'IdP', 'POST', '/api/jwt/refresh', 200]],
    ['Hacker', 'Store', 'GET', '/shopping-cart', 200],
  ]);
  assert.deepEqual(rest, range(20, 35));
});

test('SPA: arrows without HTTP light up with the next exchange of their participant', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-same-domain-jwt-refresh-cookies--'));
  const lit = play(matcher, [
    ['Browser', 'Store', 'GET', '/', 200],
    ['Browser', 'Store', 'GET', '/api/user', 404],
    ['Browser', 'IdP', 'POST', '/api/login', 200],
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200],
    'jwt-expires',
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 401],
    ['Browser', 'IdP', 'POST', '/api/jwt/refresh', 200],
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200],
    'refresh-token-expires',
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 401],
    ['Browser', 'IdP', 'POST', '/api/jwt/refresh', 400],
    ['Browser', 'IdP', 'POST', '/api/login', 200],
  ]);
  assert.deepEqual(lit, [...range(1, 19), 20, 6, 7]);
  const rest = play(matcher, [
    ['Browser', 'Forums', 'GET', '/', 200],
    ['Browser', 'Forums', 'GET', '/api/user', 404],
    ['Browser', 'IdP', 'POST', '/api/login', 200],
    ['Browser', 'Forums', 'GET', '/api/load-posts', 200],
    ['Hacker', 'IdP', 'POST', '/api/jwt/refresh', 200],
    ['Hacker', 'Store', 'GET', '/api/load-shopping-cart', 200],
    ['Hacker', 'Store', 'GET', '/api/load-shopping-cart', 200],
  ]);
  assert.deepEqual(rest, range(21, 36));
});

test('repeating a step lights the same arrow again instead of running ahead', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-same-domain-jwt-refresh-cookies--'));
  const lit = play(matcher, [
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200],
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200],
  ]);
  assert.deepEqual(lit, [8, 9, 8, 9]);
});

test('a status other than the arrow says is reported as failed', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-same-domain-jwt-refresh-cookies--'));
  const lit = play(matcher, [
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200],
    ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 500],
  ]);
  assert.deepEqual(lit, [8, 9, 8, -9]);
});

test('an exchange the diagram does not draw matches no arrow', () => {
  const matcher = new ArrowMatcher(seedItems('webapp--native-form-to-backend-jwt-refresh-cookies--'));
  const match = matcher.request({ id: 1, from: 'Browser', to: 'Store', method: 'DELETE', url: 'http://store/x' });
  assert.equal(match.step, null);
});

test('an attack continues from its own first arrow, whatever ran before it', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-same-domain-jwt-refresh-cookies--'));
  play(matcher, [['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200]]);
  matcher.attack('stolen-jwt');
  assert.deepEqual(play(matcher, [['Hacker', 'Store', 'GET', '/api/load-shopping-cart', 401]]), [35, -36]);
  matcher.attack('stolen-refresh-token');
  assert.deepEqual(
    play(matcher, [
      ['Hacker', 'IdP', 'POST', '/api/jwt/refresh', 200],
      ['Hacker', 'Store', 'GET', '/api/load-shopping-cart', 200],
    ]),
    [31, 32, 33, 34],
  );
});

test('server session: expiry, logout and the stolen session id light their own arrows', () => {
  const matcher = new ArrowMatcher(seedItems('webapp--native-form-to-backend-session--'));
  const logIn: Call[] = [
    ['Browser', 'Store', 'POST', '/login', 302],
    ['Store', 'IdP', 'POST', '/api/login', 200],
  ];
  const cart: Call = ['Browser', 'Store', 'GET', '/shopping-cart', 200];
  assert.deepEqual(play(matcher, [['Browser', 'Store', 'GET', '/', 200], ['Browser', 'Store', 'GET', '/login', 200], logIn, cart]), range(1, 10));
  assert.deepEqual(
    play(matcher, ['session-expires', ['Browser', 'Store', 'GET', '/shopping-cart', 302], ['Browser', 'Store', 'GET', '/login', 200]]),
    [11, 12, 13, 3, 4],
  );
  assert.deepEqual(play(matcher, [cart, ['Browser', 'Store', 'POST', '/logout', 302]]), [9, 10, 24, 25]);
  matcher.attack('stolen-session');
  assert.deepEqual(play(matcher, [['Hacker', 'Store', 'GET', '/shopping-cart', 302]]), [26, -27]);
});

test('a bearer JWT read from localStorage: the theft arrow comes with the attack, the replay follows', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-jwt-local-storage--'));
  assert.deepEqual(matcher.attack('stolen-jwt'), [33]);
  assert.deepEqual(play(matcher, [['Hacker', 'Store', 'GET', '/api/load-shopping-cart', 200]]), [34, 35]);
  assert.deepEqual(matcher.attack('stolen-refresh-token'), [], 'a stolen cookie has no theft arrow of its own');
  assert.deepEqual(
    play(matcher, [
      ['Hacker', 'IdP', 'POST', '/api/jwt/refresh', 200],
      ['Hacker', 'Store', 'GET', '/api/load-shopping-cart', 200],
    ]),
    range(36, 39),
  );
});

test('SPA page reloads: logged in, after the JWT expired, after the refresh token expired', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-same-domain-jwt-refresh-cookies--'));
  const reload = (whoIs: number): Call[] => [
    ['Browser', 'Store', 'GET', '/', 200],
    ['Browser', 'Store', 'GET', '/api/user', whoIs],
  ];
  play(matcher, [...reload(404), ['Browser', 'IdP', 'POST', '/api/login', 200], ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200]]);
  // The logged-in answer of "who is logged in?" is not drawn: it lights nothing, and no login form follows.
  assert.deepEqual(play(matcher, [...reload(200), ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200]]), [1, 2, 3, 8, 9]);
  // The refresh after the jump is the one the diagram draws after its note, even from the top of the page.
  assert.deepEqual(
    play(matcher, ['jwt-expires', ...reload(401), ['Browser', 'IdP', 'POST', '/api/jwt/refresh', 200], ['Browser', 'Store', 'GET', '/api/load-shopping-cart', 200]]),
    [1, 2, 3, ...range(12, 15)],
  );
  assert.deepEqual(
    play(matcher, ['refresh-token-expires', ...reload(401), ['Browser', 'IdP', 'POST', '/api/jwt/refresh', 400], ['Browser', 'IdP', 'POST', '/api/login', 200]]),
    [1, 2, 3, 18, 19, 20, 6, 7],
  );
});

test('SPA with a backend: a reload after the refresh token expired follows the 401 path that clears the cookies', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-backend-jwt-refresh-cookies--'));
  const lit = play(matcher, [
    'refresh-token-expires',
    ['Browser', 'Store', 'GET', '/', 200],
    ['Browser', 'Store', 'GET', '/api/user', 401],
    [['Browser', 'Store', 'POST', '/api/refresh', 401], ['Store', 'IdP', 'POST', '/api/jwt/refresh', 400]],
    [['Browser', 'Store', 'POST', '/api/login', 200], ['Store', 'IdP', 'POST', '/api/login', 200]],
  ]);
  assert.deepEqual(lit, [1, 2, 3, ...range(22, 26), 6, 7, 8, 9]);
});

test('the cart loaded again after a refresh repeats the arrows it last lit', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-jwt-local-storage--'));
  const cart = (status: number): Call => ['Browser', 'Store', 'GET', '/api/load-shopping-cart', status];
  assert.deepEqual(play(matcher, ['jwt-expires', cart(401), ['Browser', 'IdP', 'POST', '/api/jwt/refresh', 200], cart(200)]), range(11, 17));
  assert.deepEqual(play(matcher, [cart(200), cart(200)]), [16, 17, 16, 17]);
});

test('an answer the diagram does not draw is neutral; one that breaks its promise of success is failed', () => {
  const matcher = new ArrowMatcher(seedItems('spa--native-form-to-idp-same-domain-jwt-refresh-cookies--'));
  const exchange = (id: number, path: string, status: number): ExchangeLike => ({ id, from: 'Browser', to: 'Store', method: 'GET', url: `http://store${path}`, response: { status } });
  const whoIs = exchange(1, '/api/user', 401);
  assert.equal(matcher.request(whoIs).step, 3);
  assert.deepEqual(matcher.response(whoIs), { step: null, implied: [], failed: false });
  const unknown = exchange(2, '/favicon.png', 404);
  assert.equal(matcher.request(unknown).step, null);
  assert.deepEqual(matcher.response(unknown), { step: null, implied: [], failed: false });
  const cart = exchange(3, '/api/load-shopping-cart', 302);
  matcher.request(cart);
  assert.deepEqual(matcher.response(cart), { step: 9, implied: [], failed: true });
});

test('web app: a home page that renews an expired JWT lights the refresh call after the jump', () => {
  const matcher = new ArrowMatcher(seedItems('webapp--native-form-to-backend-jwt-refresh-cookies--'));
  const lit = play(matcher, ['jwt-expires', [['Browser', 'Store', 'GET', '/', 200], ['Store', 'IdP', 'POST', '/api/jwt/refresh', 200]], ['Browser', 'Store', 'GET', '/shopping-cart', 200]]);
  assert.deepEqual(lit, [1, 12, 13, 2, 9, 10]);
});

test("a script's attack: its HTTP-less arrows light as it starts, its requests as they happen, what it sends the hacker as it ends", () => {
  let order = 0;
  const note = (label: string): DiagramItem => ({ kind: 'note', order: order++, label });
  let step = 0;
  const arrow = (from: string, to: string, label: string): DiagramItem => ({ kind: 'message', order: order++, step: ++step, from, to, label });
  const matcher = new ArrowMatcher([
    note('Attack: reading'),
    arrow('Browser', 'Browser', 'script reads what it can: cookies, storage'),
    arrow('Browser', 'Hacker', 'nothing to send'),
    note('Attack: proxy'),
    arrow('Browser', 'Browser', 'script drives the app'),
    arrow('Browser', 'Store', 'GET /api/store/cart'),
    arrow('Store', 'Browser', '200 (cart JSON)'),
    arrow('Browser', 'Hacker', 'the cart, read off the page'),
  ]);
  assert.deepEqual(matcher.attack('xss-steal'), [1, 2]);
  assert.deepEqual(matcher.attackEnded(), [], 'nothing is left to light');
  assert.deepEqual(matcher.attack('xss-proxy'), [3]);
  assert.deepEqual(play(matcher, [['Browser', 'Store', 'GET', '/api/store/cart', 200]]), [4, 5]);
  assert.deepEqual(matcher.attackEnded(), [6]);
});

test("what a script hands the hacker lights with the hacker's first request, when the hacker uses it", () => {
  let order = 0;
  const note = (label: string): DiagramItem => ({ kind: 'note', order: order++, label });
  let step = 0;
  const arrow = (from: string, to: string, label: string): DiagramItem => ({ kind: 'message', order: order++, step: ++step, from, to, label });
  const matcher = new ArrowMatcher([
    note('Attack: a script asks for tokens'),
    arrow('Browser', 'Browser', 'the injected script asks for tokens of its own'),
    arrow('Browser', 'Store', 'POST /api/token'),
    arrow('Store', 'Browser', '200 (JWT)'),
    arrow('Browser', 'Browser', 'a hidden frame, refused by the CSP'),
    arrow('Browser', 'Hacker', 'the JWT'),
    arrow('Hacker', 'API', 'GET /cart {Authorization: Bearer stolen JWT}'),
    arrow('API', 'Hacker', '200 (cart JSON)'),
  ]);
  assert.deepEqual(matcher.attack('xss-acquire'), [1]);
  assert.deepEqual(play(matcher, [['Browser', 'Store', 'POST', '/api/token', 200]]), [2, 3]);
  assert.deepEqual(matcher.attackEnded(), [], 'the hacker has yet to act');
  assert.deepEqual(play(matcher, [['Hacker', 'API', 'GET', '/cart', 200]]), [4, 5, 6, 7]);
});

test("a label's name=value parameter tells two requests to the same path apart", () => {
  let order = 0;
  let step = 0;
  const arrow = (from: string, to: string, label: string): DiagramItem => ({ kind: 'message', order: order++, step: ++step, from, to, label });
  const matcher = new ArrowMatcher([
    arrow('Browser', 'IdP', 'GET /oauth2/authorize {prompt=none, state} in a hidden frame'),
    arrow('IdP', 'Browser', '302 → /callback {error=login_required}'),
    arrow('Browser', 'Browser', 'show the Log in link'),
    arrow('Browser', 'IdP', 'GET /oauth2/authorize {client_id, redirect_uri=hacker’s site, state}'),
    arrow('IdP', 'Browser', '200 (login page)'),
  ]);
  const request = (id: number, query: string): ExchangeLike => ({ id, from: 'Browser', to: 'IdP', method: 'GET', url: `http://login.example/oauth2/authorize?${query}`, response: { status: 200 } });
  const silent = { ...request(1, 'prompt=none&state=x'), response: { status: 302 } };
  assert.equal(matcher.request(silent).step, 1);
  assert.equal(matcher.response(silent).step, 2);
  assert.deepEqual(matcher.request(request(2, 'state=y')), { step: 4, implied: [3], failed: false }, 'no prompt=none: the login at the page');
  assert.equal(matcher.request(request(3, 'prompt=login')).step, 4);
});
