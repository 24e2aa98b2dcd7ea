import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { decodeJwt } from 'jose';
import type { AppProfile } from '../apps/app-profiles.ts';
import type { JwtVerifier } from '../apps/jwt-verifier.ts';
import type { DemoLimits } from '../config.ts';
import type { DemoHosts } from '../hosts.ts';
import { bearerToken } from '../http/bearer-token.ts';
import type { DemoError } from '../protocol.ts';
import type { HostEnv } from '../runs/host-env.ts';
import type { RunRegistry } from '../runs/run-registry.ts';
import { recordExchanges } from '../trace/record-exchanges.ts';
import { HACKER_ACTOR_HEADER } from '../vocabulary.ts';
import { limitBody } from './body-limit.ts';
import { lookUpRun } from './run-lookup.ts';
import { securityHeaders } from './security.ts';

export interface ApiHostOptions {
  hosts: DemoHosts;
  registry: RunRegistry;
  limits: DemoLimits;
  verifier: JwtVerifier;
  store: AppProfile;
  /** The client ids whose access tokens the API accepts: the Store's own clients. */
  audiences: readonly string[];
}

/** The path of the cart on the Store's API. */
export const API_CART_PATH = '/cart';

const noRun = (c: Parameters<Parameters<typeof lookUpRun>[1]>[0]) =>
  c.json({ error: 'This API answers only inside a live demo run, with an access token.' } satisfies DemoError, 401);

/**
 * The Store's resource server, api.<domain>: it takes an access token in the Authorization header
 * and nothing else (cookies are ignored), verifies it itself (signature, issuer, expiry on the run's
 * clock, and an audience that is one of the Store's clients) and answers with the cart. Browsers may
 * call it from the Store's origin only, without credentials.
 *
 * A request names its run by the token's subject (the run's user), or by the hacker's headers. A
 * backend-for-frontend records its own calls in the trace, and says so in the actor header.
 */
export function apiHost(options: ApiHostOptions): Hono<HostEnv> {
  const { hosts, registry, limits, verifier, store, audiences } = options;
  const host = new Hono<HostEnv>();
  host.use(securityHeaders("default-src 'none'; frame-ancestors 'none'"));
  host.use(cors({ origin: [hosts.origin('store')], allowMethods: ['GET'], allowHeaders: ['Authorization'], maxAge: 600 }));
  host.use(limitBody(limits.maxBodyBytes));
  host.use(
    lookUpRun(registry, noRun, async (c) => {
      const token = bearerToken(c.req.header('authorization'));
      try {
        return token ? registry.findByUserId(decodeJwt(token).sub ?? '') : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  const record = recordExchanges('api', limits.capturedBodyChars);
  host.use((c, next) => (c.req.header(HACKER_ACTOR_HEADER) === 'Store' ? next() : record(c, next)));

  host.get(API_CART_PATH, async (c) => {
    c.header('Cache-Control', 'no-store');
    const token = bearerToken(c.req.header('authorization'));
    const offset = c.get('run').clockOffsetSeconds;
    for (const audience of audiences) {
      const checked = token ? await verifier.check(token, audience, offset) : { state: 'invalid' as const };
      if (checked.state === 'valid' && checked.claims.sub) {
        const email = typeof checked.claims['email'] === 'string' ? checked.claims['email'] : checked.claims.sub;
        return c.json(store.content.json({ id: checked.claims.sub, email }));
      }
      if (checked.state === 'expired') {
        c.header('WWW-Authenticate', 'Bearer error="invalid_token", error_description="The access token expired"');
        return c.json({ error: 'The access token has expired.' } satisfies DemoError, 401);
      }
    }
    c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
    return c.json({ error: 'This API needs a valid access token for the Store.' } satisfies DemoError, 401);
  });
  host.all('*', (c) => c.json({ error: 'Not found.' } satisfies DemoError, 404));
  return host;
}
