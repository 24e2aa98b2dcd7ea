import type { Hono as HonoApp } from 'hono';
import { Hono } from 'hono';
import { assetRoutes } from '../apps/assets.ts';
import { escapeHtml, page } from '../apps/html.ts';
import type { DemoLimits } from '../config.ts';
import type { DemoHosts } from '../hosts.ts';
import type { AppBindings, HostEnv } from '../runs/host-env.ts';
import type { RunRegistry } from '../runs/run-registry.ts';
import { recordExchanges } from '../trace/record-exchanges.ts';
import type { AppRole } from '../vocabulary.ts';
import { limitBody } from './body-limit.ts';
import type { ClientEnv } from './client-address.ts';
import { limitLogins, type ClientRateLimits } from './client-rate-limits.ts';
import { lookUpRun } from './run-lookup.ts';
import { appContentSecurityPolicy, refuseCrossSite, securityHeaders } from './security.ts';

export interface AppHostOptions {
  role: AppRole;
  hosts: DemoHosts;
  registry: RunRegistry;
  limits: DemoLimits;
  rateLimits: ClientRateLimits;
  /** Each workflow's variant of this app, by workflow id. */
  variants: ReadonlyMap<string, HonoApp<AppBindings>>;
}

/**
 * The Store's or the Forums' host. Assets are served to anyone; everything else belongs to a run,
 * is recorded in its trace, and is answered by the variant of the app the run's workflow needs.
 */
export function appHost(options: AppHostOptions): Hono<HostEnv & ClientEnv> {
  const { role, hosts, registry, limits, rateLimits, variants } = options;
  const name = role === 'store' ? 'Store' : 'Forums';
  const host = new Hono<HostEnv & ClientEnv>();

  host.use(securityHeaders(appContentSecurityPolicy(hosts)));
  host.use(limitBody(limits.maxBodyBytes));
  host.get('/favicon.ico', (c) => c.body(null, 204));
  host.route('/', assetRoutes());
  // Loaded by the panel in a hidden frame after a run ends, when the run cookie is already gone.
  host.get('/__demo/clear', (c) => {
    // Only the demo's own pages may wipe the reader's demo state (no cross-site logout).
    if (c.req.header('sec-fetch-site') === 'cross-site') return c.text('Cross-site requests are refused.', 403);
    c.header('Clear-Site-Data', '"cookies", "storage"');
    c.header('Cache-Control', 'no-store');
    return c.html(page({ title: `${name} · cleared`, theme: role, docsOrigin: hosts.origin('docs'), main: `<h1>${name}</h1>\n<p>Cookies and storage cleared.</p>` }));
  });
  host.use(
    lookUpRun(registry, (c) =>
      c.html(
        page({
          title: `${name} · no demo run`,
          theme: role,
          docsOrigin: hosts.origin('docs'),
          main: `<h1>${name}</h1>\n<p>This app only runs inside a live demo. <a href="${escapeHtml(hosts.origin('docs'))}/" target="_top">Open an article</a> and start its demo.</p>`,
        }),
        404,
      ),
    ),
  );
  host.use(recordExchanges(role, limits.capturedBodyChars));
  host.use(refuseCrossSite([hosts.origin(role)], (c) => c.text('Cross-site requests are refused.', 403)));
  host.use(limitLogins(rateLimits));
  host.all('*', (c) => {
    const run = c.get('run');
    const app = variants.get(run.workflow.id);
    if (!app) return c.text('This workflow has no app here.', 404);
    return app.fetch(c.req.raw, { run, actor: c.get('actor') });
  });
  return host;
}
