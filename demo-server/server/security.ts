import type { Context, MiddlewareHandler } from 'hono';
import type { DemoHosts } from '../hosts.ts';

/**
 * The apps and the login host: no inline script or style, framed only by the docs, forms posted
 * only to themselves, and the only cross-origin calls the SPAs make go to the login hosts.
 */
export function appContentSecurityPolicy(hosts: DemoHosts): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${hosts.origin('api')} ${hosts.origin('idp')} ${hosts.origin('idp-own-domain')}`,
    `frame-ancestors ${hosts.origin('docs')}`,
    // Chromium checks form-action on a form post's redirects too: an OAuth app's logout goes on to the identity provider's.
    `form-action 'self' ${hosts.origin('idp')}`,
    "base-uri 'none'",
  ].join('; ');
}

/**
 * The docs site: its own scripts, plus Starlight's inline ones by hash (no 'unsafe-inline'), and it
 * frames only the demo apps. Starlight also writes style attributes (icon sizes, table-of-contents
 * depth), so inline styles stay allowed.
 */
export function docsContentSecurityPolicy(hosts: DemoHosts, inlineScriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the search index (WebAssembly) compile; it allows no JavaScript eval.
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // The login host too: an OAuth login takes the framed browser to the identity provider's page.
    `frame-src ${hosts.origin('store')} ${hosts.origin('forums')} ${hosts.origin('idp')}`,
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The host's policy, unless the page set a stricter or more specific one of its own. */
export function securityHeaders(contentSecurityPolicy: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for state-changing requests: a browser's request must come from one of `origins`
 * (its Origin header says so; Sec-Fetch-Site backs it up when Origin is missing). Clients that are
 * not browsers send neither header and pass; they carry no victim's cookies. With `requireOrigin`,
 * requests without an Origin are refused too.
 */
export function refuseCrossSite(
  origins: readonly string[],
  refuse: (c: Context) => Response | Promise<Response>,
  options: { requireOrigin?: boolean } = {},
): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    // A page with `Referrer-Policy: no-referrer` (the identity provider's login page) posts with
    // `Origin: null`; Sec-Fetch-Site, which page script cannot forge, still says where it came from.
    const allowed = origin !== undefined && origin !== 'null'
      ? origins.includes(origin)
      : origin === 'null'
        ? site === 'same-origin'
        : !options.requireOrigin && (site === undefined || site === 'same-origin' || site === 'none');
    return allowed ? next() : refuse(c);
  };
}
