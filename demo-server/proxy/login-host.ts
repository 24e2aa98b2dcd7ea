import { Hono } from 'hono';
import type { DemoLimits } from '../config.ts';
import type { DemoError } from '../protocol.ts';
import type { RunRegistry } from '../runs/run-registry.ts';
import { limitBody } from '../server/body-limit.ts';
import type { HostEnv } from '../server/host-env.ts';
import type { DemoHosts } from '../server/hosts.ts';
import { lookUpRun } from '../server/run-lookup.ts';
import { appContentSecurityPolicy, refuseCrossSite, securityHeaders } from '../server/security.ts';
import { recordExchanges } from '../trace/record-exchanges.ts';
import { corsForOrigins } from './cors.ts';
import { forwardToIdp } from './forward-to-idp.ts';

export interface LoginHostOptions {
  hosts: DemoHosts;
  registry: RunRegistry;
  limits: DemoLimits;
  /** The identity provider, as the server reaches it. */
  idpUrl: string;
}

/**
 * The identity provider as browsers see it: login.<domain>. A reverse proxy that answers CORS for
 * the demo's apps, records each exchange in the run's trace, and re-scopes cookies per workflow.
 */
export function loginHost(options: LoginHostOptions): Hono<HostEnv> {
  const { hosts, registry, limits, idpUrl } = options;
  const appOrigins = [hosts.origin('store'), hosts.origin('forums')];
  const host = new Hono<HostEnv>();

  host.use(securityHeaders(appContentSecurityPolicy(hosts)));
  host.use(corsForOrigins(appOrigins));
  host.use(limitBody(limits.maxBodyBytes));
  host.get('/favicon.ico', (c) => c.body(null, 204));
  host.use(lookUpRun(registry, (c) => c.json({ error: 'No demo run: start one from an article.' } satisfies DemoError, 404)));
  host.use(recordExchanges('idp', limits.capturedBodyChars));
  host.use(refuseCrossSite([...appOrigins, hosts.origin('idp')], (c) => c.json({ error: 'Cross-site requests are refused.' } satisfies DemoError, 403)));
  host.all('*', forwardToIdp(idpUrl, hosts.domain));
  return host;
}
