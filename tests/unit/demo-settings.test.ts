import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoServerOptionsFromEnv } from '../../demo-server/config.ts';

test('the public origin sets the domain, the scheme and the public port', () => {
  const options = demoServerOptionsFromEnv({ DEMO_PUBLIC_ORIGIN: 'https://demo.example.org', DEMO_IDP_DOMAIN: 'example-id.org' });
  assert.equal(options.domain, 'demo.example.org');
  assert.deepEqual(options.public, { scheme: 'https', port: 443 });
  assert.deepEqual(demoServerOptionsFromEnv({ DEMO_PUBLIC_ORIGIN: 'https://example.localhost:4400' }).public, { scheme: 'https', port: 4400 });
  assert.deepEqual(demoServerOptionsFromEnv({}).public, { scheme: 'http', port: undefined }, 'without one, readers reach the server itself');
});

test('the defaults of the per-address limits', () => {
  assert.deepEqual(demoServerOptionsFromEnv({}).limits.perClient, { maxRuns: 4, runStartsPerMinute: 6, loginsPerMinute: 20, attacksPerMinute: 30 });
  assert.equal(demoServerOptionsFromEnv({ DEMO_CLIENT_LOGINS_PER_MINUTE: '50' }).limits.perClient.loginsPerMinute, 50);
});

test('bad settings stop the start with a sentence naming the setting', () => {
  const refuses = (env: Record<string, string>, message: RegExp) => assert.throws(() => demoServerOptionsFromEnv(env), message);
  refuses({ DEMO_PUBLIC_ORIGIN: 'demo.example.org' }, /^Error: DEMO_PUBLIC_ORIGIN must be an origin such as https:\/\/demo\.example\.org, not "demo\.example\.org"$/);
  refuses({ DEMO_PUBLIC_ORIGIN: 'https://demo.example.org/docs' }, /DEMO_PUBLIC_ORIGIN must be an origin/);
  refuses({ DEMO_PUBLIC_ORIGIN: 'ftp://demo.example.org' }, /DEMO_PUBLIC_ORIGIN must be an origin/);
  refuses({ DEMO_PUBLIC_ORIGIN: 'https://demo.example.org', DEMO_DOMAIN: 'other.example.org' }, /DEMO_DOMAIN \(other\.example\.org\) and the host of DEMO_PUBLIC_ORIGIN \(demo\.example\.org\) differ/);
  refuses({ DEMO_TRUSTED_PROXIES: '10.0.0.1, proxy.internal' }, /DEMO_TRUSTED_PROXIES takes IP addresses and CIDR ranges separated by commas; "proxy\.internal" is neither/);
  refuses({ DEMO_TRUSTED_PROXIES: '10.0.0.0/33' }, /"10\.0\.0\.0\/33" is neither/);
  refuses({ DEMO_CLIENT_MAX_RUNS: '0' }, /DEMO_CLIENT_MAX_RUNS must be a number of at least 1, not "0"/);
  refuses({ DEMO_CLIENT_RUN_STARTS_PER_MINUTE: 'many' }, /DEMO_CLIENT_RUN_STARTS_PER_MINUTE must be a number/);
  assert.deepEqual(demoServerOptionsFromEnv({ DEMO_TRUSTED_PROXIES: ' 10.0.0.0/8 , ::1 ' }).trustedProxies, ['10.0.0.0/8', '::1']);
});
