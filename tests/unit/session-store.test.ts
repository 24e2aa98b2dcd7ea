import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionStore } from '../../demo-server/apps/session-store.ts';

const MINUTE = 60_000;
const store = () => new SessionStore<string>({ idleSeconds: 15 * 60, absoluteSeconds: 8 * 60 * 60 });

test('a session id is 256 random bits, new at every creation', () => {
  const sessions = store();
  const ids = new Set(Array.from({ length: 100 }, () => sessions.create('run', 'user', Date.now())));
  assert.equal(ids.size, 100);
  for (const id of ids) assert.equal(Buffer.from(id, 'base64url').length, 32);
});

test('the idle timeout ends a session left alone, and every use restarts it', () => {
  const sessions = store();
  const start = Date.now();
  const id = sessions.create('run', 'user', start);
  assert.equal(sessions.resume(id, 'run', start + 14 * MINUTE), 'user');
  assert.equal(sessions.resume(id, 'run', start + 28 * MINUTE), 'user');
  assert.equal(sessions.resume(id, 'run', start + 43 * MINUTE), null);
  // Expired means deleted: going back in time does not bring it back.
  assert.equal(sessions.resume(id, 'run', start + 28 * MINUTE), null);
});

test('the absolute timeout ends even a session in constant use', () => {
  const sessions = store();
  const start = Date.now();
  const id = sessions.create('run', 'user', start);
  for (let t = 10; t < 8 * 60; t += 10) assert.equal(sessions.resume(id, 'run', start + t * MINUTE), 'user', `at ${t} min`);
  assert.equal(sessions.resume(id, 'run', start + 8 * 60 * MINUTE), null);
});

test('a revoked session, or one of another run, finds nothing', () => {
  const sessions = store();
  const now = Date.now();
  const id = sessions.create('run', 'user', now);
  assert.equal(sessions.resume(id, 'other run', now), null);
  assert.equal(sessions.resume(id, 'run', now), 'user');
  sessions.revoke(id);
  assert.equal(sessions.resume(id, 'run', now), null);
});
