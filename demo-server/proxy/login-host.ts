import { Hono } from 'hono';
import { z } from 'zod';
import type { DemoLimits } from '../config.ts';
import type { DemoHosts } from '../hosts.ts';
import type { DemoError } from '../protocol.ts';
import type { HostEnv } from '../runs/host-env.ts';
import type { RunRegistry } from '../runs/run-registry.ts';
import { limitBody } from '../server/body-limit.ts';
import type { ClientEnv } from '../server/client-address.ts';
import { limitLogins, type ClientRateLimits } from '../server/client-rate-limits.ts';
import { lookUpRun } from '../server/run-lookup.ts';
import { appContentSecurityPolicy, refuseCrossSite } from '../server/security.ts';
import { recordExchanges } from '../trace/record-exchanges.ts';
import type { LoginRole } from '../vocabulary.ts';
import { showCodesToWatcher } from './code-watch.ts';
import { corsForOrigins } from './cors.ts';
import { forwardToIdp } from './forward-to-idp.ts';
import { idpPageHeaders } from './idp-page-headers.ts';

export interface LoginHostOptions {
  role: LoginRole;
  hosts: DemoHosts;
  registry: RunRegistry;
  limits: DemoLimits;
  rateLimits: ClientRateLimits;
  /** The identity provider, as the server reaches it. */
  idpUrl: string;
}

const loginIdOf = z.object({ loginId: z.string().max(320) });

/**
 * The identity provider as browsers see it: login.<domain>, or login.<its own domain>. A reverse
 * proxy that answers CORS for the demo's apps, records each exchange in the run's trace, and (under
 * the apps' parent domain only) re-scopes cookies as the run's workflow says.
 *
 * The run cookie never reaches the identity provider's own domain (another site), so there a login
 * is filed under the run whose user it names; requests naming no run's user are not forwarded.
 */
export function loginHost(options: LoginHostOptions): Hono<HostEnv & ClientEnv> {
  const { role, hosts, registry, limits, rateLimits, idpUrl } = options;
  const appOrigins = [hosts.origin('store'), hosts.origin('forums')];
  const ownDomain = role === 'idp-own-domain';
  const host = new Hono<HostEnv & ClientEnv>();

  host.use(idpPageHeaders(appContentSecurityPolicy(hosts), hosts.origin('docs')));
  host.use(corsForOrigins(appOrigins));
  host.use(limitBody(limits.maxBodyBytes));
  host.get('/favicon.ico', (c) => c.body(null, 204));
  host.use(
    lookUpRun(
      registry,
      (c) => c.json({ error: 'No demo run: start one from an article.' } satisfies DemoError, 404),
      // A clone: the trace and the proxy read the body after this.
      ownDomain ? async (c) => registry.findByLoginId(loginIdOf.safeParse(await c.req.raw.clone().json().catch(() => null)).data?.loginId ?? '') : undefined,
    ),
  );
  host.use(recordExchanges(role, limits.capturedBodyChars));
  host.use(showCodesToWatcher(appOrigins));
  host.use(refuseCrossSite([...appOrigins, hosts.origin(role)], (c) => c.json({ error: 'Cross-site requests are refused.' } satisfies DemoError, 403)));
  host.use(limitLogins(rateLimits));
  host.all('*', forwardToIdp(idpUrl, ownDomain ? null : hosts.domain));
  return host;
}
