import type { FusionAuthClient } from '@fusionauth/typescript-client';
import type { AppProfile } from './app-profiles.ts';
import type { RefreshTokenExchange } from './app-services.ts';

/** Native-login backends renew through the JWT API, which needs no client credentials. */
export const refreshAtJwtApi =
  (client: FusionAuthClient) =>
  (): RefreshTokenExchange =>
  async (refreshToken) => {
    const { response } = await client.exchangeRefreshTokenForJWT({ refreshToken });
    return { token: response.token, refreshToken: response.refreshToken };
  };

/** OAuth clients renew at the token endpoint, authenticated with their client secret. */
export const refreshAtTokenEndpoint =
  (client: FusionAuthClient) =>
  (profile: AppProfile): RefreshTokenExchange =>
  async (refreshToken) => {
    const { response } = await client.exchangeRefreshTokenForAccessTokenWithRequest({
      grant_type: 'refresh_token', refresh_token: refreshToken, client_id: profile.applicationId, client_secret: profile.clientSecret,
    });
    return { token: response.access_token, refreshToken: response.refresh_token };
  };
