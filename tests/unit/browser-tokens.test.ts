import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserTokens } from '../../demo-server/runs/browser-tokens.ts';
import type { Exchange, SetCookie } from '../../demo-server/protocol.ts';
import { browserAnswer, setCookie } from './exchanges.ts';

const STORE = 'store.example.localhost';
const LOGIN = 'login.example.localhost';

const cookie = (name: string, value: string, attributes: Partial<SetCookie> = {}): SetCookie => setCookie(name, { value, ...attributes });

const answer = (url: string, setCookies: SetCookie[], request: Partial<Exchange['request']> = {}): Exchange => browserAnswer(url, { request, setCookies });

test('a cookie the browser accepted replaces the one it sent before, even before it sends the new one', () => {
  const tokens = new BrowserTokens();
  tokens.sent(LOGIN, { refresh_token: 'stores' }, undefined);
  tokens.received(answer(`http://${LOGIN}/api/login`, [cookie('refresh_token', 'forums', { maxAge: 3600 })]));
  assert.equal(tokens.held(LOGIN, { cookie: 'refresh_token' }), 'forums');
  tokens.sent(LOGIN, { refresh_token: 'forums' }, undefined);
  assert.equal(tokens.held(LOGIN, { cookie: 'refresh_token' }), 'forums');
});

test('a Domain cookie set by the login host is held for the apps under that domain', () => {
  const tokens = new BrowserTokens();
  tokens.sent(STORE, { refresh_token: 'stores' }, undefined);
  tokens.received(answer(`http://${LOGIN}/api/login`, [cookie('refresh_token', 'forums', { domain: 'example.localhost' })]));
  assert.equal(tokens.held(STORE, { cookie: 'refresh_token' }), 'forums');
  assert.equal(tokens.held('store.example-id.localhost', { cookie: 'refresh_token' }), undefined);
});

test('a refused cookie is not held; a deleted one keeps the value a thief copied before', () => {
  const tokens = new BrowserTokens();
  tokens.received(answer(`http://login.example-id.localhost/api/login`, [cookie('refresh_token', 'refused')], { fetchSite: 'cross-site', fetchDest: 'empty' }));
  assert.equal(tokens.held('login.example-id.localhost', { cookie: 'refresh_token' }), undefined);
  tokens.received(answer(`http://${STORE}/login`, [cookie('SessionId', 'live')]));
  tokens.received(answer(`http://${STORE}/logout`, [cookie('SessionId', '', { maxAge: 0 })]));
  assert.equal(tokens.held(STORE, { cookie: 'SessionId' }), 'live');
});

test('the bearer token is the one page script last sent to that host', () => {
  const tokens = new BrowserTokens();
  tokens.sent(STORE, {}, 'first');
  tokens.sent(STORE, {}, 'second');
  tokens.sent('forums.example.localhost', {}, 'forums');
  assert.equal(tokens.held(STORE, { bearer: true }), 'second');
});
