import type { DemoHosts } from '../hosts.ts';
import { sendOverLoopback, type LoopbackAddress } from '../apps/loopback-request.ts';
import { cookieHeader, parseSetCookie } from '../http/set-cookie.ts';
import type { Run } from '../runs/run.ts';
import { HACKER_ACTOR_HEADER, HACKER_RUN_HEADER, type HostRole } from '../vocabulary.ts';

export interface HackerRequest {
  to: Exclude<HostRole, 'docs'>;
  method: 'GET' | 'POST';
  path: string;
  /** The only cookies sent: the stolen ones. */
  cookies: Record<string, string>;
  /** A stolen JWT, sent as `Authorization: Bearer …`. */
  bearer?: string;
  json?: unknown;
  /** A form body (the hacker filling in a login page). */
  form?: Record<string, string>;
}

export interface HackerResponse {
  status: number;
  location: string | undefined;
  /** Cookies the answer tried to set, by name. */
  cookies: Record<string, string>;
  body: string;
}

/** Sends one request as the hacker would: from outside any browser, with no cookie jar. */
export type Hacker = (request: HackerRequest) => Promise<HackerResponse>;

/**
 * The hacker's HTTP client: plain HTTP to the demo server on loopback, with the Host header of the
 * app or login host it attacks. The two demo headers only file its requests under the reader's
 * run (as the Hacker), so the reader sees them in the trace.
 */
export function hackerFor(run: Run, hosts: DemoHosts, serverAddress: LoopbackAddress): Hacker {
  return async (request) => {
    const body = request.form !== undefined ? new URLSearchParams(request.form).toString() : request.json === undefined ? undefined : JSON.stringify(request.json);
    const headers: Record<string, string> = {
      'user-agent': 'stolen-token-replayer/1.0',
      accept: '*/*',
      [HACKER_ACTOR_HEADER]: 'Hacker',
      [HACKER_RUN_HEADER]: run.id,
    };
    const cookies = cookieHeader(request.cookies);
    if (cookies) headers['cookie'] = cookies;
    if (request.bearer) headers['authorization'] = `Bearer ${request.bearer}`;
    if (body !== undefined) headers['content-type'] = request.form !== undefined ? 'application/x-www-form-urlencoded' : 'application/json';
    const response = await sendOverLoopback(serverAddress, { host: hosts.host(request.to), method: request.method, path: request.path, headers, ...(body !== undefined ? { body } : {}) });
    const setCookies = (response.headers['set-cookie'] ?? []).map(parseSetCookie);
    return {
      status: response.status,
      location: response.headers.location,
      cookies: Object.fromEntries(setCookies.map((cookie) => [cookie.name, cookie.value])),
      body: response.body,
    };
  };
}
