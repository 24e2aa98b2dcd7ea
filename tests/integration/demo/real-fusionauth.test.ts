import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AttackResult, DemoError, DemoStatus, RunSnapshot } from '../../../demo-server/protocol.ts';
import { Browser, WEBAPP, startServerBeside, startWorld, type TestWorld } from './harness.ts';

// With FUSIONAUTH_URL set the demo treats the provider as a real FusionAuth: everything works
// except the clock, which the demo cannot honestly move there. The embedded IdP stands in for it.

let world: TestWorld;
let real: TestWorld;
before(async () => {
  world = await startWorld();
  real = await startServerBeside(world, {}, { FUSIONAUTH_URL: world.idpUrl });
});
after(async () => {
  await real?.stop();
  await world?.stop();
});

test('status and snapshots say the clock is unavailable, with the reason in one sentence', async () => {
  const reader = new Browser(real);
  const status = (await reader.demo('GET', '/status.json')).json<DemoStatus>();
  assert.equal(status.identityProvider, 'fusionauth');
  const run: RunSnapshot = await reader.startRun(WEBAPP);
  assert.equal(run.clock.available, false);
  assert.equal(run.clock.offsetSeconds, 0);
  assert.match(run.clock.unavailableReason ?? '', /^A real FusionAuth [^.]+\.$/);
  assert.equal((await new Browser(world).demo('GET', '/status.json')).json<DemoStatus>().identityProvider, 'embedded');
});

test('POST /__demo/run/clock answers 409 with that reason; the workflow and the attacks still run for real', async () => {
  const reader = new Browser(real);
  const run = await reader.startRun(WEBAPP);
  const jump = await reader.demo('POST', '/run/clock', { jump: 'jwt-expires' });
  assert.equal(jump.status, 409);
  assert.equal(jump.json<DemoError>().error, run.clock.unavailableReason);
  assert.equal((await reader.logInToServerApp(real.origins.store, run.user)).status, 302);
  assert.equal((await reader.get(`${real.origins.store}/shopping-cart`)).status, 200);
  const attack = (await reader.demo('POST', '/run/attack', { attack: 'stolen-jwt' })).json<AttackResult>();
  assert.equal(attack.succeeded, true);
  assert.equal((await reader.demo('DELETE', '/run')).status, 204);
});
