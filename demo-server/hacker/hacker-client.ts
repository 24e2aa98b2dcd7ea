import { request as httpRequest } from 'node:http';
import type { DemoHosts } from '../hosts.ts';
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

const TIMEOUT_MS = 10_000;

/**
 * The hacker's HTTP client: plain node:http to the demo server on loopback, with the Host header of
 * the app or login host it attacks. The two demo headers only file its requests under the reader's
 * run (as the Hacker), so the reader sees them in the trace.
 */
export function hackerFor(run: Run, hosts: DemoHosts, serverAddress: { host: string; port: number }): Hacker {
  return (request) =>
    new Promise((resolve, reject) => {
      const body = request.form !== undefined ? new URLSearchParams(request.form).toString() : request.json === undefined ? undefined : JSON.stringify(request.json);
      const headers: Record<string, string> = {
        host: hosts.host(request.to),
        'user-agent': 'stolen-token-replayer/1.0',
        accept: '*/*',
        [HACKER_ACTOR_HEADER]: 'Hacker',
        [HACKER_RUN_HEADER]: run.id,
      };
      const cookies = cookieHeader(request.cookies);
      if (cookies) headers['cookie'] = cookies;
      if (request.bearer) headers['authorization'] = `Bearer ${request.bearer}`;
      if (body !== undefined) headers['content-type'] = request.form !== undefined ? 'application/x-www-form-urlencoded' : 'application/json';
      const outgoing = httpRequest(
        { host: serverAddress.host, port: serverAddress.port, method: request.method, path: request.path, headers, timeout: TIMEOUT_MS },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const setCookies = (response.headers['set-cookie'] ?? []).map(parseSetCookie);
            resolve({
              status: response.statusCode ?? 0,
              location: response.headers.location,
              cookies: Object.fromEntries(setCookies.map((cookie) => [cookie.name, cookie.value])),
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          response.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('The hacker\'s request timed out.')));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
}
