import type { MiddlewareHandler } from 'hono';

/**
 * The identity provider's own pages (its login form, error and signed-out pages) keep their own
 * Content-Security-Policy, with one change: the lab frames the reader's browser, so the docs origin
 * may frame them (a provider forbids all framing, against clickjacking). Answers without a policy of
 * their own (the JSON APIs) get `fallback`.
 */
export function idpPageHeaders(fallback: string, docsOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const own = c.res.headers.get('content-security-policy');
    c.res.headers.delete('x-frame-options');
    c.header(
      'Content-Security-Policy',
      own === null ? fallback : [...own.split(';').map((directive) => directive.trim()).filter((d) => d && !/^frame-ancestors\b/i.test(d)), `frame-ancestors ${docsOrigin}`].join('; '),
    );
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', c.res.headers.get('referrer-policy') ?? 'strict-origin-when-cross-origin');
  };
}
