import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './src/lib/chromium.ts';

/** The built site, served as a static host would serve it. */
const SITE_PORT = 4321;
/** The demo world (tests/e2e/demo/live-lab.ts names its hosts). */
const DEMO_PORT = 4400;

export default defineConfig({
  testDir: 'tests/e2e',
  // The demo behind a TLS-terminating proxy needs port 4400 too: playwright.https.config.ts runs it.
  testIgnore: 'https/**',
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${SITE_PORT}`,
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: `node node_modules/astro/bin/astro.mjs preview --host 127.0.0.1 --port ${SITE_PORT}`,
      url: `http://127.0.0.1:${SITE_PORT}/`,
      reuseExistingServer: !process.env['CI'],
      timeout: 60_000,
    },
    {
      // The live demo: docs, apps and the login proxy on example.localhost:4400, the identity provider beside it.
      command: 'node demo-server/main.ts --with-idp',
      port: DEMO_PORT,
      // Every test's browser reaches it from 127.0.0.1: one client address with many readers at once.
      env: {
        PORT: String(DEMO_PORT),
        IDP_PORT: '9011',
        DEMO_CLIENT_MAX_RUNS: '1000',
        DEMO_CLIENT_RUN_STARTS_PER_MINUTE: '10000',
        DEMO_CLIENT_LOGINS_PER_MINUTE: '10000',
        DEMO_CLIENT_ATTACKS_PER_MINUTE: '10000',
      },
      reuseExistingServer: !process.env['CI'],
      timeout: 60_000,
    },
  ],
});
