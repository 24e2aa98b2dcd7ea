/**
 * What the login host does to the identity provider's Set-Cookie headers. FusionAuth sets host-only
 * cookies; `parent-domain` is the rewriting proxy the same-domain SPA workflow needs, so the
 * browser sends the token cookies to every host under the parent domain.
 */
export type CookieDomainPolicy = 'host-only' | 'parent-domain';

export function applyCookieDomain(setCookie: string, policy: CookieDomainPolicy, parentDomain: string): string {
  if (policy === 'host-only') return setCookie;
  const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
  const kept = attributes.filter((attribute) => !/^domain\s*=/i.test(attribute));
  return [pair, ...kept, `Domain=${parentDomain}`].join('; ');
}
