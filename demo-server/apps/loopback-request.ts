import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';

/** One HTTP request from inside the demo server to one of its own hosts, named by the Host header. */
export interface LoopbackRequest {
  /** The Host header: which of the demo's hosts answers. */
  host: string;
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoopbackResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Where the demo server listens, as its own clients reach it. */
export interface LoopbackAddress {
  host: string;
  port: number;
}

const TIMEOUT_MS = 10_000;

/**
 * Sends the request to the demo server on loopback with plain node:http (Node resolves no
 * *.localhost names, and fetch will not set a Host header), and reads the whole answer.
 */
export function sendOverLoopback(address: LoopbackAddress, request: LoopbackRequest): Promise<LoopbackResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: address.host, port: address.port, method: request.method, path: request.path, headers: { ...request.headers, host: request.host }, timeout: TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('The request timed out.')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
