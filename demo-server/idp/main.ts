import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readKickstart } from '../kickstart.ts';
import { stopOnSignals } from '../stop-on-signals.ts';
import { createIdp } from './app.ts';

// Runs the embedded IdP on its own: `npm run idp`. Settings come from the environment:
//   IDP_PORT        port (default 9011, FusionAuth's)
//   IDP_HOST        interface to bind (default 127.0.0.1)
//   IDP_DATA_DIR    folder for the SQLite database (default demo-server/.data/)
//   IDP_KICKSTART   kickstart file (default demo-server/kickstart.json)
//   IDP_DEMO_MODE   "0" turns the demo clock off (on by default: this IdP exists for the demo)
//   IDP_ALLOWED_ORIGINS  extra comma-separated browser origins for CORS

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const port = Number(env.IDP_PORT ?? 9011);
const host = env.IDP_HOST ?? '127.0.0.1';
const dataDir = resolve(env.IDP_DATA_DIR ?? join(serverDir, '.data'));

const idp = await createIdp({
  databasePath: join(dataDir, 'idp.sqlite'),
  kickstart: readKickstart(env.IDP_KICKSTART),
  demoMode: env.IDP_DEMO_MODE !== '0',
  allowedOrigins: (env.IDP_ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
});
const url = await idp.listen(port, host);
console.log(`Embedded FusionAuth-compatible IdP listening on ${url.replace('127.0.0.1', 'localhost')}${idp.context.demoMode ? ' (demo mode)' : ''}`);

const stop = stopOnSignals(() => idp.close());
// Started by the demo server: leave with it, even when it is killed without a chance to stop us
// (its end of our stdin pipe closes).
if (env.IDP_EXIT_WITH_PARENT === '1') process.stdin.on('end', stop).resume();
