import type { FusionAuthClient } from '@fusionauth/typescript-client';

/** Where the identity provider may send a browser back for one OAuth client of the demo. */
export interface RedirectRegistration {
  applicationId: string;
  redirectUri: string;
  /** Where it may send the browser after logout. */
  logoutURL: string;
}

/**
 * The identity provider sends a browser back only to an application's registered redirect URIs
 * (exact match), and after logout only to those or its logout URL. The kickstart registers the
 * default origins; a demo server on another domain or port adds its own on start, keeping the rest.
 */
export async function registerRedirectUris(client: FusionAuthClient, registrations: readonly RedirectRegistration[]): Promise<void> {
  for (const { applicationId, redirectUri, logoutURL } of registrations) {
    const { response } = await client.retrieveApplication(applicationId);
    const registered = response.application?.oauthConfiguration?.authorizedRedirectURLs ?? [];
    if (registered.includes(redirectUri) && response.application?.oauthConfiguration?.logoutURL === logoutURL) continue;
    await client.patchApplication(applicationId, {
      application: { oauthConfiguration: { authorizedRedirectURLs: [...new Set([...registered, redirectUri])], logoutURL } },
    });
  }
}
