import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FusionAuthClient } from '@fusionauth/typescript-client';
import { idpConnection } from '../../../demo-server/idp-connection.ts';
import { startIdpProcess, type IdpProcess } from '../../../demo-server/idp-process.ts';

// The embedded IdP is killed with SIGKILL while clients create users, log in and refresh, then
// restarted on the same data dir: whatever it acknowledged before dying must still be there.

const WORKERS = 8;
const SEED_USERS = 20;
const LOAD_BEFORE_KILL_MS = 1500;
const PASSWORD = 'crash-test-password';

const dataDir = mkdtempSync(join(tmpdir(), 'idp-crash-'));
let idp: IdpProcess | undefined;
after(async () => {
  await idp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the IdP answered 200 to: these must survive the crash. */
interface Acknowledged {
  emails: string[];
  refreshTokens: string[];
}

async function createUser(client: FusionAuthClient, applicationId: string): Promise<string> {
  const email = `crash-${randomBytes(6).toString('hex')}@example.com`;
  await client.register(undefined as unknown as string, {
    user: { email, password: PASSWORD },
    registration: { applicationId },
    skipVerification: true,
    skipRegistrationVerification: true,
  });
  return email;
}

async function logIn(client: FusionAuthClient, applicationId: string, email: string): Promise<string> {
  const { response } = await client.login({ loginId: email, password: PASSWORD, applicationId });
  assert.ok(response.refreshToken, 'a login hands out a refresh token');
  return response.refreshToken;
}

/** Runs `task` on every item, `WORKERS` at a time. */
async function eachInParallel<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

test('SIGKILL under load loses no acknowledged user or refresh token and leaves the database intact', { timeout: 20_000 }, async (t) => {
  idp = await startIdpProcess({ port: 0, dataDir });
  const port = idp.port;
  const connection = idpConnection({ IDP_PORT: String(port) });
  const client = connection.client();
  const appId = connection.store.id;

  const acknowledged: Acknowledged = { emails: [], refreshTokens: [] };
  for (let i = 0; i < SEED_USERS; i++) {
    const email = await createUser(client, appId);
    acknowledged.emails.push(email);
    acknowledged.refreshTokens.push(await logIn(client, appId, email));
  }

  // The load: each worker in turn signs a new user up and logs them in, logs a known user in
  // again, and refreshes a known token, until the IdP dies under it.
  let killed = false;
  let inFlight = 0;
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await request();
    } finally {
      inFlight--;
    }
  };
  const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;
  let succeededCalls = 0;
  const load = Promise.all(Array.from({ length: WORKERS }, async () => {
    while (!killed) {
      try {
        const email = await call(() => createUser(client, appId));
        acknowledged.emails.push(email);
        acknowledged.refreshTokens.push(await call(() => logIn(client, appId, email)));
        acknowledged.refreshTokens.push(await call(() => logIn(client, appId, pick(acknowledged.emails))));
        await call(() => client.exchangeRefreshTokenForJWT({ refreshToken: pick(acknowledged.refreshTokens) }));
        succeededCalls += 4;
      } catch (error) {
        // Only the crash may fail a call.
        if (!killed) throw error;
      }
    }
  }));

  // Any failure before the kill ends the test at once.
  await Promise.race([sleep(LOAD_BEFORE_KILL_MS), load]);
  const inFlightAtKill = inFlight;
  killed = true;
  await idp.stop('SIGKILL');
  await load;
  assert.ok(inFlightAtKill > 0, 'requests were in flight when the IdP died');
  assert.ok(succeededCalls > 40, `the load ran before the kill (${succeededCalls} calls)`);

  t.diagnostic(`killed with ${inFlightAtKill} calls in flight; ${acknowledged.emails.length} users and ${acknowledged.refreshTokens.length} refresh tokens acknowledged`);

  idp = await startIdpProcess({ port, dataDir });
  await eachInParallel(acknowledged.emails, async (email) => {
    const login = await client.login({ loginId: email, password: PASSWORD, applicationId: appId }).catch((error: { statusCode?: number }) => error);
    assert.equal(login.statusCode, 200, `${email} logs in after the restart`);
  });
  await eachInParallel(acknowledged.refreshTokens, async (refreshToken) => {
    const refreshed = await client.exchangeRefreshTokenForJWT({ refreshToken }).catch((error: { statusCode?: number }) => error);
    assert.equal(refreshed.statusCode, 200, 'a refresh token issued before the kill still refreshes');
  });
  await idp.stop();

  const db = new DatabaseSync(join(dataDir, 'idp.sqlite'), { readOnly: true });
  try {
    assert.equal(db.prepare('PRAGMA integrity_check').get()?.['integrity_check'], 'ok');
    assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
  } finally {
    db.close();
  }
});
