import type { FusionAuthClient } from '@fusionauth/typescript-client';
import type { DemoHosts } from '../hosts.ts';
import type { AppProfile } from './app-profiles.ts';
import { REDIRECT_PATH } from './oauth-login.ts';

/**
 * The identity provider sends a browser back only to an application's registered redirect URIs
 * (exact match), and after logout only to those or its logout URL. The kickstart registers the
 * default origins; a demo server on another domain or port adds its own on start, keeping the rest.
 */
export async function registerRedirectUris(client: FusionAuthClient, apps: readonly AppProfile[], hosts: DemoHosts): Promise<void> {
  for (const app of apps) {
    const origin = hosts.origin(app.role);
    const redirectUri = `${origin}${REDIRECT_PATH}`;
    const logoutURL = `${origin}/`;
    const { response } = await client.retrieveApplication(app.applicationId);
    const registered = response.application?.oauthConfiguration?.authorizedRedirectURLs ?? [];
    if (registered.includes(redirectUri) && response.application?.oauthConfiguration?.logoutURL === logoutURL) continue;
    await client.patchApplication(app.applicationId, {
      application: { oauthConfiguration: { authorizedRedirectURLs: [...new Set([...registered, redirectUri])], logoutURL } },
    });
  }
}
