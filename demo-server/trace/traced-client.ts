import { FusionAuthClient } from '@fusionauth/typescript-client';
import type DefaultRESTClient from '@fusionauth/typescript-client/build/src/DefaultRESTClient';
import type { Exchange } from '../protocol.ts';
import { bodyForTrace, cookiesSent, paramsForTrace, responseForTrace } from './capture.ts';
import { traceContext } from './trace-context.ts';

type RestClient = DefaultRESTClient<unknown, unknown>;
type ResponseHandler = RestClient['responseHandler'];
/** node-fetch v2's Response, as the client's response handlers receive it. */
type ClientFetchResponse = Parameters<ResponseHandler>[0];

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function describeRequest(rest: RestClient, bodyLimit: number): Exchange['request'] {
  const url = new URL(rest.getFullUrl());
  const contentType = rest.headers['Content-Type'];
  const body = typeof rest.body === 'string' ? rest.body : rest.body instanceof URLSearchParams ? rest.body.toString() : '';
  const traced = bodyForTrace(body, contentType, bodyLimit);
  return {
    cookies: cookiesSent(rest.headers['Cookie']),
    params: paramsForTrace(url, body, contentType),
    ...(traced !== undefined ? { body: traced } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

/**
 * Records the call in the trace of the run being served (found through AsyncLocalStorage), then
 * hands the client's own response handler an identical response, so the client behaves as usual.
 */
function traceCalls(rest: RestClient, bodyLimit: number): RestClient {
  const go = rest.go.bind(rest);
  rest.go = async () => {
    const context = traceContext.getStore();
    if (!context) return go();
    const { run, actor, root, cause } = context;
    const started = performance.now();
    const exchange = run.startExchange(
      { from: actor, to: 'IdP', method: rest.method, url: rest.getFullUrl(), request: describeRequest(rest, bodyLimit), causedBy: cause },
      root,
    );
    const capture = (handler: ResponseHandler) => async (response: ClientFetchResponse) => {
      const body = await response.text();
      const headers = new Headers();
      for (const [name, values] of Object.entries(response.headers.raw())) for (const value of values) headers.append(name, value);
      run.completeExchange(exchange, responseForTrace({ status: response.status, headers, body, durationMs: performance.now() - started }, bodyLimit));
      const copy = new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, { status: response.status, headers });
      return handler(copy as unknown as ClientFetchResponse);
    };
    rest.withResponseHandler(capture(rest.responseHandler));
    rest.withErrorResponseHandler(capture(rest.errorResponseHandler));
    try {
      return await go();
    } catch (failure) {
      if (!exchange.response) {
        const cause = (failure as { exception?: unknown }).exception;
        run.failExchange(exchange, cause instanceof Error ? cause.message : 'The request failed before any response.');
      }
      throw failure;
    }
  };
  return rest;
}

/**
 * A FusionAuth client whose every call, made while a demo app serves a run, appears in that run's
 * trace as an exchange from the app to the IdP. Calls made outside a run are not recorded.
 */
export function tracedClient(apiKey: string, url: string, capturedBodyChars: number): FusionAuthClient {
  const client = new FusionAuthClient(apiKey, url);
  const builder = client.clientBuilder;
  const build = (host: string) => traceCalls(builder.build<unknown, unknown>(host) as RestClient, capturedBodyChars);
  client.clientBuilder = { build: build as typeof builder.build };
  return client;
}
