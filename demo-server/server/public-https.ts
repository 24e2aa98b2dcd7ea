/**
 * Serving readers over https from behind a TLS-terminating proxy. The proxy speaks plain HTTP to
 * the server, so a request's own URL says `http:`; when the public origin is https, every request is
 * handed to the hosts with its public https URL instead. The apps and the login host then mark every
 * cookie Secure and build https links, exactly as they would if they terminated TLS themselves.
 */

/** Two years, every demo host included: the demo's domain serves nothing over plain HTTP. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** The same request at its https URL (the Host header the proxy passed on names the host). */
export function atHttpsUrl(request: Request, host: string): Request {
  const url = new URL(request.url);
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : request.body;
  return new Request(`https://${host}${url.pathname}${url.search}`, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    ...(body ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * A trusted proxy passing on a plain-HTTP request (X-Forwarded-Proto: http) when readers must use
 * https: they are sent to the same address over https, before any cookie is read or set.
 */
export function upgradeToHttps(request: Request, host: string): Response {
  const url = new URL(request.url);
  return new Response(null, { status: 308, headers: { Location: `https://${host}${url.pathname}${url.search}` } });
}

/** The first protocol a proxy chain reports (the one the reader's browser used). */
export function forwardedProto(header: string | null): string | undefined {
  return header?.split(',')[0]?.trim().toLowerCase() || undefined;
}
