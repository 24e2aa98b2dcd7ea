import type { SetCookie } from '../protocol.ts';

const SAME_SITE: Record<string, SetCookie['sameSite']> = { strict: 'Strict', lax: 'Lax', none: 'None' };

/** One Set-Cookie header, every attribute as sent. */
export function parseSetCookie(raw: string): SetCookie {
  const [pair = '', ...attributes] = raw.split(';');
  const equals = pair.indexOf('=');
  const cookie: SetCookie = {
    name: (equals < 0 ? pair : pair.slice(0, equals)).trim(),
    value: equals < 0 ? '' : pair.slice(equals + 1).trim(),
    httpOnly: false,
    secure: false,
    raw,
  };
  for (const attribute of attributes) {
    const split = attribute.indexOf('=');
    const key = (split < 0 ? attribute : attribute.slice(0, split)).trim().toLowerCase();
    const value = split < 0 ? '' : attribute.slice(split + 1).trim();
    if (key === 'domain') cookie.domain = value;
    else if (key === 'path') cookie.path = value;
    else if (key === 'expires') cookie.expires = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'samesite') cookie.sameSite = SAME_SITE[value.toLowerCase()];
  }
  return cookie;
}

/** A Cookie request header as name → value (values as sent, first occurrence wins like most servers). */
export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const name = part.slice(0, equals).trim();
    if (name && !(name in cookies)) cookies[name] = part.slice(equals + 1).trim();
  }
  return cookies;
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
}
