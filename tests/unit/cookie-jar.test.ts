import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange, SetCookie } from '../../demo-server/protocol.ts';
import { refusalOf } from '../../demo-server/http/cookie-rules.ts';
import { CookieJar, expiredOnRunClock } from '../../src/scripts/live-demo/cookie-jar.ts';
import { browserAnswer, setCookie } from './exchanges.ts';

const cookie = setCookie;

const RECEIVED = 1_000_000;
const MINUTE = 60_000;

/** An answer the browser received at real time RECEIVED, its run's clock `offsetSeconds` ahead. */
const answer = (url: string, request: Partial<Exchange['request']>, setCookies: SetCookie[], offsetSeconds = 0): Exchange =>
  browserAnswer(url, { request, setCookies, receivedAt: RECEIVED, offsetSeconds });

test('a cross-site fetch cannot set Lax, Strict or default cookies; SameSite=None and navigations can', () => {
  const crossSiteFetch = { fetchSite: 'cross-site', fetchDest: 'empty' } as const;
  assert.match(refusalOf(answer('http://login.example-id.localhost/api/login', crossSiteFetch, []), cookie('a', { sameSite: 'Lax' }))!, /SameSite=Lax/);
  assert.match(refusalOf(answer('http://login.example-id.localhost/api/login', crossSiteFetch, []), cookie('a'))!, /SameSite=Lax/);
  assert.match(refusalOf(answer('http://login.example-id.localhost/api/login', crossSiteFetch, []), cookie('a', { sameSite: 'Strict' }))!, /SameSite=Strict/);
  assert.equal(refusalOf(answer('http://login.example-id.localhost/api/login', crossSiteFetch, []), cookie('a', { sameSite: 'None' })), null);
  assert.equal(refusalOf(answer('http://login.example-id.localhost/', { fetchSite: 'cross-site', fetchDest: 'document' }, []), cookie('a', { sameSite: 'Lax' })), null);
  assert.equal(refusalOf(answer('http://login.example.localhost/api/login', { fetchSite: 'same-site', fetchDest: 'empty' }, []), cookie('a', { sameSite: 'Lax' })), null);
});

test('the jar keeps what the browser keeps: refused cookies never reach it', () => {
  const jar = new CookieJar();
  jar.receive(answer('http://login.example-id.localhost/api/login', { fetchSite: 'cross-site', fetchDest: 'empty' }, [cookie('refresh_token', { sameSite: 'Lax' })]));
  assert.deepEqual(jar.heldFor('login.example-id.localhost', RECEIVED), []);
  jar.receive(answer('http://login.example.localhost/api/login', { fetchSite: 'same-site', fetchDest: 'empty' }, [cookie('refresh_token', { sameSite: 'Lax' })]));
  assert.deepEqual(jar.heldFor('login.example.localhost', RECEIVED).map((c) => c.name), ['refresh_token']);
});

test('a Domain cookie reaches every host under its domain; a host-only one stays on its host', () => {
  const jar = new CookieJar();
  jar.receive(answer('http://login.example.localhost/api/login', {}, [cookie('refresh_token', { domain: 'example.localhost' }), cookie('idp_only')]));
  assert.deepEqual(jar.heldFor('store.example.localhost', RECEIVED).map((c) => c.name), ['refresh_token']);
  assert.deepEqual(jar.heldFor('login.example.localhost', RECEIVED).map((c) => c.name), ['refresh_token', 'idp_only']);
});

test('the same name and scope replaces a cookie, and Max-Age=0 deletes it', () => {
  const jar = new CookieJar();
  jar.receive(answer('http://store.example.localhost/login', {}, [cookie('access_token', { value: 'old' })]));
  jar.receive(answer('http://store.example.localhost/shopping-cart', {}, [cookie('access_token', { value: 'new' })]));
  assert.deepEqual(jar.heldFor('store.example.localhost', RECEIVED).map((c) => c.value), ['new']);
  jar.receive(answer('http://store.example.localhost/logout', {}, [cookie('access_token', { value: '', maxAge: 0, expires: 'Thu, 01 Jan 1970 00:00:00 GMT' })]));
  assert.deepEqual(jar.heldFor('store.example.localhost', RECEIVED), []);
});

test("after a clock jump the jar keeps a cookie the browser still holds, marked expired on the run's clock", () => {
  const jar = new CookieJar();
  jar.receive(answer('http://store.example.localhost/login', {}, [cookie('refresh_token', { maxAge: 3600 }), cookie('access_token')]));
  // The run's clock jumps 61 minutes ahead; one real minute has passed.
  const realNow = RECEIVED + MINUTE;
  const runNow = realNow + 61 * MINUTE;
  const held = jar.heldFor('store.example.localhost', realNow);
  assert.deepEqual(held.map((c) => c.name), ['refresh_token', 'access_token'], 'the browser holds both: its own clock did not jump');
  const [refresh, access] = held;
  assert.equal(expiredOnRunClock(refresh!, runNow), true);
  assert.equal(expiredOnRunClock(refresh!, realNow), false, 'on real time it still has 59 minutes');
  assert.equal(expiredOnRunClock(access!, runNow), false, 'a session cookie has no expiry of its own');
  // The browser drops it when its own clock reaches Max-Age.
  assert.deepEqual(jar.heldFor('store.example.localhost', RECEIVED + 60 * MINUTE).map((c) => c.name), ['access_token']);
});

test("a cookie set after a jump counts its Max-Age from the run's time on the run's clock, from real time in the browser", () => {
  const jar = new CookieJar();
  jar.receive(answer('http://login.example.localhost/api/jwt/refresh', {}, [cookie('refresh_token', { maxAge: 600 })], 3600));
  const [refresh] = jar.heldFor('login.example.localhost', RECEIVED);
  assert.equal(refresh!.droppedAt, RECEIVED + 10 * MINUTE);
  assert.equal(refresh!.expiresAt, RECEIVED + 60 * MINUTE + 10 * MINUTE);
  assert.equal(expiredOnRunClock(refresh!, RECEIVED + 60 * MINUTE + 9 * MINUTE), false);
});
