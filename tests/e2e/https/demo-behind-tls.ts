/**
 * The demo world as a public deployment runs it, for playwright.https.config.ts: the demo server on
 * a free port, trusting one proxy, with its public origin on https; in front of it, a TLS-terminating
 * proxy on E2E_DEMO_ORIGIN (https://example.localhost:4400) with a certificate made now.
 */
import { stopOnSignals } from '../../../demo-server/stop-on-signals.ts';
import { startDemoWorld } from '../../../demo-server/world.ts';
import { selfSignedCertificate, startTlsProxy } from './tls-proxy.ts';

const HTTPS_DEMO = process.env['E2E_DEMO_ORIGIN'] ?? 'https://example.localhost:4400';
const { port } = new URL(HTTPS_DEMO);

const world = await startDemoWorld({
  withIdp: true,
  env: { ...process.env, PORT: '0', IDP_PORT: '0', DEMO_PUBLIC_ORIGIN: HTTPS_DEMO, DEMO_TRUSTED_PROXIES: '127.0.0.1' },
});
const proxy = await startTlsProxy({
  certificate: selfSignedCertificate(['example.localhost', '*.example.localhost', '*.example-id.localhost']),
  listen: { host: '127.0.0.1', port: Number(port) },
  target: { host: '127.0.0.1', port: world.port },
});
console.log(`Demo running behind TLS: open ${world.url}`);

stopOnSignals(async () => {
  await proxy.close();
  await world.stop();
});
