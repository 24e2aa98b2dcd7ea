import { stopOnSignals } from './stop-on-signals.ts';
import { startDemoWorld } from './world.ts';

// The demo server on its own: `node demo-server/main.ts [--with-idp]`. With --with-idp it also runs
// the embedded identity provider (data in IDP_DATA_DIR, or a temporary folder removed on exit);
// without it, the IdP must already answer on IDP_PORT, or FUSIONAUTH_URL must name a FusionAuth.
// Settings come from the environment; see demo-server/README.md.

const world = await startDemoWorld({ withIdp: process.argv.includes('--with-idp') }).catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(`Demo running: open ${world.url}  (Ctrl-C to stop)`);

stopOnSignals(() => world.stop());
