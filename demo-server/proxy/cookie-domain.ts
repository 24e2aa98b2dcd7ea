import type { CookieDomainPolicy } from '../vocabulary.ts';

/** The identity provider's Set-Cookie header as the login host passes it on under `policy`. */
export function applyCookieDomain(setCookie: string, policy: CookieDomainPolicy, parentDomain: string): string {
  if (policy === 'host-only') return setCookie;
  const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
  const kept = attributes.filter((attribute) => !/^domain\s*=/i.test(attribute));
  return [pair, ...kept, `Domain=${parentDomain}`].join('; ');
}

/**
 * The identity provider behind the proxy sees plain HTTP and sets its cookies without Secure; readers
 * reach the login host over https, so the proxy adds it, as FusionAuth would behind a proxy it knew.
 */
export function markSecure(setCookie: string): string {
  return /;\s*secure\s*(;|$)/i.test(setCookie) ? setCookie : `${setCookie}; Secure`;
}
