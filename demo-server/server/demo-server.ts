import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { appProfiles } from '../apps/app-profiles.ts';
import type { AppServices } from '../apps/app-services.ts';
import { apiClient } from '../apps/api-client.ts';
import { apiHost } from './api-host.ts';
import { BROWSER_CLIENT_REDIRECT_PATH } from '../apps/browser-only-client.ts';
import { REDIRECT_PATH } from '../apps/oauth-login.ts';
import { registerRedirectUris } from '../apps/redirect-registration.ts';
import { refreshAtJwtApi } from '../apps/token-refresh.ts';
import { FormTokens } from '../apps/form-tokens.ts';
import { JwtVerifier } from '../apps/jwt-verifier.ts';
import type { DemoServerOptions } from '../config.ts';
import { DemoHosts } from '../hosts.ts';
import { idpConnection } from '../idp-connection.ts';
import { tokenLifetimes } from '../kickstart.ts';
import { loginHost } from '../proxy/login-host.ts';
import { RunAccounts } from '../runs/run-accounts.ts';
import { RunRegistry } from '../runs/run-registry.ts';
import { tracedClient } from '../trace/traced-client.ts';
import type { AppRole, HostRole } from '../vocabulary.ts';
import { loadWorkflows } from '../workflows/registry.ts';
import type { Workflow } from '../workflows/workflow.ts';
import { appHost } from './app-host.ts';
import { ClientAddresses, clientKey, type ClientEnv } from './client-address.ts';
import { ClientRateLimits } from './client-rate-limits.ts';
import { CLOCK_UNAVAILABLE, demoApi } from './demo-api.ts';
import { docsHost } from './docs-host.ts';
import { HSTS, atHttpsUrl, forwardedProto, upgradeToHttps } from './public-https.ts';

export interface DemoServer {
  /** The port every host listens on. */
  port: number;
  hosts: DemoHosts;
  /** The URL to open: the docs host. */
  url: string;
  /** Ends every run (deleting its IdP user), then stops listening. */
  close(): Promise<void>;
}

/**
 * Starts the demo server: one port, one process, answering by Host header for the docs, the Store,
 * the Forums and the login host. The identity provider must already be reachable.
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const { limits, log } = options;
  const workflows = await loadWorkflows();
  const connection = idpConnection(options.env);
  const lifetimes = tokenLifetimes(connection.store.id);
  const client = tracedClient(connection.apiKey, connection.url, limits.capturedBodyChars);
  const verifier = new JwtVerifier(client);
  await verifier.warm();

  // With port 0 the origins are known only once the server listens; until the apps' redirect URIs
  // are registered for them and `dispatch` is in place, requests get 503.
  let dispatch: (request: Request, env: HttpBindings) => Response | Promise<Response> = () => new Response('Starting…', { status: 503 });
  const server = createAdaptorServer({ fetch: (request, env) => dispatch(request, env as HttpBindings) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bindAddress, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hosts = new DemoHosts(options.domain, options.idpDomain, options.public.port ?? port, options.public.scheme);
  const clients = new ClientAddresses(options.trustedProxies);
  const rateLimits = new ClientRateLimits(limits.perClient);

  try {
    const loopback = { host: loopbackFor(options.bindAddress), port };
    const api = apiClient(hosts, loopback, limits.capturedBodyChars);
    const services: AppServices = { client, verifier, hosts, formTokens: new FormTokens(), lifetimes, refreshTokens: refreshAtJwtApi(client), api };
    const profiles = appProfiles(connection);
    await registerRedirectUris(client, [
      ...[profiles.store, profiles.forums].map((app) => ({ applicationId: app.applicationId, redirectUri: `${hosts.origin(app.role)}${REDIRECT_PATH}`, logoutURL: `${hosts.origin(app.role)}/` })),
      { applicationId: connection.storeBrowserApp.id, redirectUri: `${hosts.origin('store')}${BROWSER_CLIENT_REDIRECT_PATH}`, logoutURL: `${hosts.origin('store')}/` },
    ]);
    const registry = new RunRegistry<Workflow>(
      new RunAccounts(connection),
      {
        origins: hosts.origins,
        lifetimes,
        clockUnavailableReason: connection.isEmbedded ? undefined : CLOCK_UNAVAILABLE,
        maxExchanges: limits.maxExchanges,
      },
      limits,
      log,
    );
    const variantsOf = (role: AppRole) => new Map([...workflows.values()].map((workflow) => [workflow.id, workflow.app(profiles[role], services)]));
    const hostApps: Record<HostRole, { fetch(request: Request, env: HttpBindings & ClientEnv['Bindings']): Response | Promise<Response> }> = {
      docs: docsHost({
        hosts,
        distDir: options.distDir,
        maxBodyBytes: limits.maxBodyBytes,
        demoApi: demoApi({
          hosts,
          registry,
          workflows,
          connection,
          lifetimes,
          store: profiles.store,
          serverAddress: loopback,
          maxStreamsPerRun: limits.maxStreamsPerRun,
          rateLimits,
          log,
        }),
      }),
      store: appHost({ role: 'store', hosts, registry, limits, rateLimits, variants: variantsOf('store') }),
      forums: appHost({ role: 'forums', hosts, registry, limits, rateLimits, variants: variantsOf('forums') }),
      api: apiHost({ hosts, registry, limits, verifier, store: profiles.store, audiences: [connection.store.id, connection.storeBrowserApp.id] }),
      idp: loginHost({ role: 'idp', hosts, registry, limits, rateLimits, idpUrl: connection.url }),
      'idp-own-domain': loginHost({ role: 'idp-own-domain', hosts, registry, limits, rateLimits, idpUrl: connection.url }),
    };

    dispatch = async (request, env) => {
      const hostHeader = request.headers.get('host') ?? '';
      const role = hosts.roleOf(hostHeader);
      if (role === 'loopback') {
        // Articles must be same-site with the framed apps, so localhost:PORT sends readers to the docs host.
        const url = new URL(request.url);
        return new Response(null, { status: 302, headers: { Location: `${hosts.origin('docs')}${url.pathname}${url.search}` } });
      }
      if (role === null) return new Response(`This server answers only for ${hosts.host('docs')} and its app hosts.\n`, { status: 421 });
      const peer = env.incoming.socket.remoteAddress;
      const bindings = { ...env, client: clientKey(clients.clientOf(peer, request.headers.get('x-forwarded-for'))) };
      if (!hosts.secure) return hostApps[role].fetch(request, bindings);
      // Readers use https: a plain-HTTP request passed on by the proxy is sent there first.
      if (clients.trusts(peer) && forwardedProto(request.headers.get('x-forwarded-proto')) === 'http') return upgradeToHttps(request, hostHeader);
      const answer = await hostApps[role].fetch(atHttpsUrl(request, hostHeader), bindings);
      answer.headers.set('Strict-Transport-Security', HSTS);
      return answer;
    };

    return {
      port,
      hosts,
      url: `${hosts.origin('docs')}/`,
      async close() {
        await registry.close();
        await closeServer(server);
      },
    };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

const loopbackFor = (bindAddress: string) => (bindAddress === '0.0.0.0' || bindAddress === '::' ? '127.0.0.1' : bindAddress);

function closeServer(server: ReturnType<typeof createAdaptorServer>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
