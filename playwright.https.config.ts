import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * The demo as a public deployment serves it: behind a TLS-terminating proxy on
 * https://example.localhost:4400 (the port the walkthroughs name), the demo server itself on a free
 * port. Its own run, since the plain-HTTP demo of playwright.config.ts holds that port.
 */
const HTTPS_DEMO = 'https://example.localhost:4400';
// The specs read it to address the demo's hosts (tests/e2e/demo/live-lab.ts); workers inherit it.
process.env['E2E_DEMO_ORIGIN'] = HTTPS_DEMO;

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: 'https/*.spec.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-https.json' }]],
  use: {
    ...base.use,
    // The proxy's certificate is made at test time and signed by nobody: Chromium is told to accept
    // it, for this run's contexts only. What is under test is what crosses that connection.
    ignoreHTTPSErrors: true,
  },
  webServer: {
    command: 'node tests/e2e/https/demo-behind-tls.ts',
    port: Number(new URL(HTTPS_DEMO).port),
    env: { E2E_DEMO_ORIGIN: HTTPS_DEMO },
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
