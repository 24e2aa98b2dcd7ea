import type { Handler } from 'hono';
import { cookieHeader } from '../http/set-cookie.ts';
import type { HostEnv } from '../runs/host-env.ts';
import { cookiesSent } from '../trace/capture.ts';
import { applyCookieDomain, markSecure } from './cookie-domain.ts';

// Only what a browser may call on an identity provider. API-key endpoints stay unreachable from
// outside even though the demo's key is public: the proxy forwards no Authorization header either.
const BROWSER_ENDPOINTS = [/^\/api\/login$/, /^\/api\/logout$/, /^\/api\/jwt\/refresh$/, /^\/oauth2\/[\w-]+$/, /^\/\.well-known\/[\w.-]+$/];
// Sec-Fetch-Site too: the identity provider refuses a login form posted from another site with it.
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'user-agent', 'sec-fetch-site'];
// The proxy answers CORS itself; the body is re-sent whole; cookies are re-written below.
const DROPPED_RESPONSE_HEADERS = /^(access-control-.*|connection|keep-alive|transfer-encoding|content-encoding|content-length|set-cookie)$/i;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Forwards a browser's request to the identity provider, re-scoping its cookies to `parentDomain` as
 * the run's workflow says (null: the identity provider's cookies pass unchanged).
 */
export function forwardToIdp(idpUrl: string, parentDomain: string | null): Handler<HostEnv> {
  return async (c) => {
    const url = new URL(c.req.url);
    if (!BROWSER_ENDPOINTS.some((endpoint) => endpoint.test(url.pathname))) {
      return c.json({ error: 'The login host forwards only the identity provider\'s browser-facing endpoints.' }, 404);
    }
    const headers = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) headers.set(name, value);
    }
    const cookies = cookieHeader(cookiesSent(c.req.header('cookie')));
    if (cookies) headers.set('cookie', cookies);

    let upstream: Response;
    try {
      upstream = await fetch(new URL(url.pathname + url.search, idpUrl), {
        method: c.req.method,
        headers,
        body: c.req.method === 'GET' || c.req.method === 'HEAD' ? null : await c.req.arrayBuffer(),
        redirect: 'manual',
      });
    } catch {
      return c.json({ error: 'The identity provider could not be reached.' }, 502);
    }

    const answer = new Headers();
    upstream.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE_HEADERS.test(name)) answer.set(name, value);
    });
    const policy = parentDomain === null ? 'host-only' : c.get('run').workflow.idpCookies;
    const overHttps = url.protocol === 'https:';
    for (const setCookie of upstream.headers.getSetCookie()) {
      const scoped = applyCookieDomain(setCookie, policy, parentDomain ?? '');
      answer.append('set-cookie', overHttps ? markSecure(scoped) : scoped);
    }
    const body = NULL_BODY_STATUSES.has(upstream.status) ? null : await upstream.arrayBuffer();
    return new Response(body, { status: upstream.status, headers: answer });
  };
}
