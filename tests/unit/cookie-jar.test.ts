import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange, SetCookie } from '../../demo-server/protocol.ts';
import { CookieJar, refusalOf } from '../../src/scripts/live-demo/cookie-jar.ts';

const cookie = (name: string, attributes: Partial<SetCookie> = {}): SetCookie => ({ name, value: `${name}-value`, httpOnly: true, secure: false, raw: `${name}=…`, ...attributes });

function answer(url: string, request: Partial<Exchange['request']>, setCookies: SetCookie[]): Exchange {
  return {
    id: 1,
    startedAt: 1_000,
    from: 'Browser',
    to: 'IdP',
    method: 'POST',
    url,
    request: { cookies: {}, params: {}, ...request },
    response: { status: 200, setCookies, durationMs: 1 },
  };
}

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
  jar.receive(answer('http://login.example-id.localhost/api/login', { fetchSite: 'cross-site', fetchDest: 'empty' }, [cookie('refresh_token', { sameSite: 'Lax' })]), 0);
  assert.deepEqual(jar.for('login.example-id.localhost', 2_000), []);
  jar.receive(answer('http://login.example.localhost/api/login', { fetchSite: 'same-site', fetchDest: 'empty' }, [cookie('refresh_token', { sameSite: 'Lax' })]), 0);
  assert.deepEqual(jar.for('login.example.localhost', 2_000).map((c) => c.name), ['refresh_token']);
});
