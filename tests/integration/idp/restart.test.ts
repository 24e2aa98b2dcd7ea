import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { FusionAuthClient } from '@fusionauth/typescript-client';
import { idpConnection } from '../../../demo-server/idp-connection.ts';
import { authorize, pkcePair } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'idp-restart-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** `node demo-server/idp/main.ts` as a real child process; resolves once it prints its URL. */
async function startMain(port: number): Promise<ChildProcess> {
  const child = spawn(join(ROOT, 'node_modules/.bin/node'), ['demo-server/idp/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, IDP_PORT: String(port), IDP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`IdP exited early (${code}):\n${output}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0, 'the IdP exits cleanly on SIGTERM');
}

test('tokens, sessions and clock offsets issued before a restart still work after it', async () => {
  const port = await freePort();
  const connection = idpConnection({ IDP_PORT: String(port) });
  const client = new FusionAuthClient(connection.apiKey, connection.url);
  const credentials = { loginId: connection.demoUser.email, password: connection.demoUser.password };

  let child = await startMain(port);
  const login = (await client.login({ ...credentials, applicationId: connection.store.id })).response;
  const { ssoCookie } = await authorize(
    connection.url,
    { client_id: connection.store.id, redirect_uri: 'http://store.example.localhost:4400/oauth-redirect', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' },
    credentials,
  );
  await connection.advanceClock(connection.demoUser.id, 5);
  await stop(child);

  child = await startMain(port);
  try {
    // Same signing keys: the JWT from before still validates.
    assert.equal((await client.validateJWT(login.token!)).response.jwt?.sub, connection.demoUser.id);
    // The refresh token still refreshes.
    const refreshed = await client.exchangeRefreshTokenForJWT({ refreshToken: login.refreshToken });
    assert.equal(refreshed.statusCode, 200);
    assert.equal(refreshed.response.refreshTokenId, login.refreshTokenId);
    // The SSO session survived: Forums gets a code without the form.
    const forums = await authorize(
      connection.url,
      { client_id: connection.forums.id, redirect_uri: 'http://forums.example.localhost:4400/oauth-redirect', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' },
      null,
      ssoCookie,
    );
    assert.ok(forums.code);
    assert.equal(await connection.clockOffsetSeconds(connection.demoUser.id), 5);
    // The kickstart was not applied twice (that would have failed on the duplicate user).
    assert.equal((await client.retrieveUserByEmail(connection.demoUser.email)).statusCode, 200);
  } finally {
    await stop(child);
  }
});
