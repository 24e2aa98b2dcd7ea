import type { MiddlewareHandler } from 'hono';
import { bearerToken } from '../http/bearer-token.ts';
import type { HostEnv } from '../runs/host-env.ts';
import { ROLE_ACTORS, type HostRole } from '../vocabulary.ts';
import { bodyForTrace, cookiesSent, paramsForTrace, responseForTrace } from './capture.ts';
import { traceContext } from './trace-context.ts';

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FETCH_SITES = ['same-origin', 'same-site', 'cross-site', 'none'] as const;

/**
 * Records each request reaching an app or the login host as one exchange of the run: a `request`
 * event when it arrives, a `response` event once answered. Calls the app makes meanwhile through
 * the FusionAuth client nest inside it (the trace context says which run, app and exchange they
 * belong to). The run also learns from the browser's requests and answers which tokens it holds.
 */
export function recordExchanges(role: Exclude<HostRole, 'docs'>, capturedBodyChars: number): MiddlewareHandler<HostEnv> {
  const to = ROLE_ACTORS[role];
  return async (c, next) => {
    const run = c.get('run');
    const from = c.get('actor');
    const url = new URL(c.req.url);
    const contentType = c.req.header('content-type');
    // A clone, so the app still reads the body itself.
    const body = BODYLESS_METHODS.has(c.req.method) ? '' : await c.req.raw.clone().text();
    const cookies = cookiesSent(c.req.header('cookie'));
    const authorization = c.req.header('authorization');
    if (from === 'Browser') run.browserTokens.sent(url.hostname, cookies, bearerToken(authorization), url.searchParams.get('code') ?? undefined);
    const fetchSite = FETCH_SITES.find((site) => site === c.req.header('sec-fetch-site'));
    const fetchDest = c.req.header('sec-fetch-dest');
    const tracedBody = bodyForTrace(body, contentType, capturedBodyChars);
    const exchange = run.startExchange(
      {
        from,
        to,
        method: c.req.method,
        url: url.href,
        request: {
          cookies,
          ...(authorization !== undefined ? { authorization } : {}),
          ...(fetchSite !== undefined ? { fetchSite } : {}),
          ...(fetchDest !== undefined ? { fetchDest } : {}),
          params: paramsForTrace(url, body, contentType),
          ...(tracedBody !== undefined ? { body: tracedBody } : {}),
          ...(contentType !== undefined ? { contentType } : {}),
        },
      },
      from,
    );
    const started = performance.now();
    await traceContext.run({ run, actor: to, root: from, cause: exchange.id }, next);
    const answer = c.res;
    const text = c.req.method === 'HEAD' ? '' : await answer.clone().text();
    run.completeExchange(
      exchange,
      responseForTrace({ status: answer.status, headers: answer.headers, body: text, durationMs: performance.now() - started }, capturedBodyChars),
    );
    if (from === 'Browser') run.browserTokens.received(exchange);
  };
}
