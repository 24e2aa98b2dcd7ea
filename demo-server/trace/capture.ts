import { parseCookieHeader, parseSetCookie } from '../http/set-cookie.ts';
import type { Exchange, SetCookie } from '../protocol.ts';
import { RUN_COOKIE } from '../runs/run-cookie.ts';

// Turns real requests and responses into the trace's Exchange parts: passwords masked, bodies cut,
// and the demo's own run cookie left out (it is machinery, not part of the story).

const MASK = '••••';
const isPasswordField = (name: string) => /password/i.test(name);

const isJson = (contentType: string | undefined) => /^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? '');
const isForm = (contentType: string | undefined) => /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '');

function maskPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPasswords);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isPasswordField(key) ? MASK : maskPasswords(inner)]));
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n… (${text.length - limit} more characters cut)`;
}

/** A body as the trace shows it: JSON pretty-printed, form and JSON passwords masked, cut to `limit`. */
export function bodyForTrace(text: string, contentType: string | undefined, limit: number): string | undefined {
  if (text === '') return undefined;
  if (isJson(contentType)) {
    try {
      return cut(JSON.stringify(maskPasswords(JSON.parse(text)), null, 2), limit);
    } catch {
      return cut(text, limit);
    }
  }
  if (isForm(contentType)) {
    const form = new URLSearchParams(text);
    for (const name of [...form.keys()]) if (isPasswordField(name)) form.set(name, MASK);
    return cut(decodeURIComponent(form.toString().replace(/\+/g, ' ')), limit);
  }
  return cut(text, limit);
}

/** Query parameters, plus the fields of a form body (passwords masked). */
export function paramsForTrace(url: URL, body: string, contentType: string | undefined): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (isForm(contentType)) {
    for (const [name, value] of new URLSearchParams(body)) params[name] = isPasswordField(name) ? MASK : value;
  }
  return params;
}

/** The cookies of a Cookie header, without the demo's own run cookie. */
export function cookiesSent(header: string | null | undefined): Record<string, string> {
  const cookies = parseCookieHeader(header);
  delete cookies[RUN_COOKIE];
  return cookies;
}

export interface CapturedResponse {
  status: number;
  headers: Headers;
  body: string;
  durationMs: number;
}

export function responseForTrace(captured: CapturedResponse, limit: number): NonNullable<Exchange['response']> {
  const contentType = captured.headers.get('content-type') ?? undefined;
  const setCookies: SetCookie[] = captured.headers.getSetCookie().map(parseSetCookie);
  const location = captured.headers.get('location') ?? undefined;
  const body = bodyForTrace(captured.body, contentType, limit);
  return {
    status: captured.status,
    setCookies,
    ...(location !== undefined ? { location } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    durationMs: Math.round(captured.durationMs * 10) / 10,
  };
}
