import { FusionAuthClient } from '@fusionauth/typescript-client';
import { demoKickstart, kickstartVariable, type KickstartDocument } from './kickstart.ts';

// How the demo backends reach the identity provider. By default: the embedded IdP on this machine
// (`npm run idp`), with the API key and application ids from demo-server/kickstart.json. Setting
// FUSIONAUTH_URL (and FUSIONAUTH_API_KEY) points them at a real FusionAuth booted from the same
// kickstart instead; only the embedded IdP has the demo clock.

export interface ApplicationCredentials {
  id: string;
  clientSecret: string;
}

export interface IdpConnection {
  /** Base URL for server-side calls (127.0.0.1: Node does not resolve *.localhost). */
  url: string;
  apiKey: string;
  /** True for the embedded IdP, the only one with demo-clock controls. */
  isEmbedded: boolean;
  store: ApplicationCredentials;
  forums: ApplicationCredentials;
  /** The Store's public client: the browser-only SPA, which has no secret and proves itself with PKCE alone. */
  storeBrowserApp: { id: string };
  /** The demo account from the kickstart. */
  demoUser: { id: string; email: string; password: string };
  /** The hacker's own account, registered for the Store (a login-CSRF link carries its code). */
  hacker: { email: string; password: string };
  /** A FusionAuth client with the API key, as the backends use it. */
  client(): FusionAuthClient;
  /** Seconds the user's demo clock runs ahead (0 on a real FusionAuth). Verify JWTs at now + this. */
  clockOffsetSeconds(userId: string): Promise<number>;
  /** Moves the user's demo clock forward; embedded IdP only. Returns the new offset. */
  advanceClock(userId: string, seconds: number): Promise<number>;
}

export function idpConnection(env: Record<string, string | undefined> = process.env, kickstart: KickstartDocument = demoKickstart()): IdpConnection {
  const variable = (name: string): string => kickstartVariable(name, kickstart);
  const isEmbedded = !env.FUSIONAUTH_URL;
  const url = (env.FUSIONAUTH_URL ?? `http://127.0.0.1:${env.IDP_PORT ?? 9011}`).replace(/\/$/, '');
  const apiKey = env.FUSIONAUTH_API_KEY ?? variable('apiKey');

  async function demoClock(init: RequestInit & { query?: string }): Promise<number> {
    if (!isEmbedded) throw new Error('The demo clock exists only on the embedded IdP.');
    const response = await fetch(`${url}/api/demo/clock${init.query ?? ''}`, {
      ...init,
      headers: { authorization: apiKey, 'content-type': 'application/json' },
    });
    if (!response.ok) throw new Error(`demo clock: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { offsetSeconds: number }).offsetSeconds;
  }

  return {
    url,
    apiKey,
    isEmbedded,
    store: { id: variable('storeApplicationId'), clientSecret: variable('storeClientSecret') },
    forums: { id: variable('forumsApplicationId'), clientSecret: variable('forumsClientSecret') },
    storeBrowserApp: { id: variable('storeBrowserAppId') },
    demoUser: { id: variable('userUserId'), email: variable('userEmail'), password: variable('userPassword') },
    hacker: { email: variable('hackerEmail'), password: variable('hackerPassword') },
    client: () => new FusionAuthClient(apiKey, url),
    clockOffsetSeconds: async (userId) => (isEmbedded ? demoClock({ method: 'GET', query: `?userId=${encodeURIComponent(userId)}` }) : 0),
    advanceClock: (userId, seconds) => demoClock({ method: 'POST', body: JSON.stringify({ userId, advanceBySeconds: seconds }) }),
  };
}
