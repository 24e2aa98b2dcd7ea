import type { DemoHosts } from '../hosts.ts';
import { responseForTrace } from '../trace/capture.ts';
import { traceContext } from '../trace/trace-context.ts';
import { HACKER_ACTOR_HEADER } from '../vocabulary.ts';
import { sendOverLoopback, type LoopbackAddress, type LoopbackResponse } from './loopback-request.ts';

/** A backend's call to the Store's API: a path of the API and an access token. */
export type ApiCall = (path: string, accessToken: string) => Promise<LoopbackResponse>;

/**
 * How a backend reaches the Store's API (api.<domain>) from the server: over loopback, with the
 * access token as a bearer token and nothing else (never the browser's cookies). Each call is
 * recorded in the trace of the run being served as an exchange from the app to the API; the actor
 * header tells the API's host that the call is recorded already.
 */
export function apiClient(hosts: DemoHosts, address: LoopbackAddress, capturedBodyChars: number): ApiCall {
  return async (path, accessToken) => {
    const request = { host: hosts.host('api'), method: 'GET', path, headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', [HACKER_ACTOR_HEADER]: 'Store' } };
    const context = traceContext.getStore();
    if (!context) return sendOverLoopback(address, request);
    const { run, actor, root, cause } = context;
    const url = `${hosts.origin('api')}${path}`;
    const exchange = run.startExchange(
      {
        from: actor,
        to: 'API',
        method: request.method,
        url,
        causedBy: cause,
        request: { cookies: {}, authorization: request.headers.authorization, params: {} },
      },
      root,
    );
    const started = performance.now();
    try {
      const response = await sendOverLoopback(address, request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
      run.completeExchange(exchange, responseForTrace({ status: response.status, headers, body: response.body, durationMs: performance.now() - started }, capturedBodyChars));
      return response;
    } catch (failure) {
      run.failExchange(exchange, failure instanceof Error ? failure.message : 'The request failed before any response.');
      throw failure;
    }
  };
}
