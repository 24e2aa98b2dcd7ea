import type { ApiCall } from './api-client.ts';
import type { AppProfile } from './app-profiles.ts';
import type { FusionAuthClient } from '@fusionauth/typescript-client';
import type { DemoHosts } from '../hosts.ts';
import type { RunSnapshot } from '../protocol.ts';
import type { FormTokens } from './form-tokens.ts';
import type { JwtVerifier } from './jwt-verifier.ts';

/** What every app variant is built with. */
export interface AppServices {
  /** The FusionAuth client: the apps' only way to the identity provider (every call is traced). */
  client: FusionAuthClient;
  verifier: JwtVerifier;
  hosts: DemoHosts;
  formTokens: FormTokens;
  lifetimes: RunSnapshot['lifetimes'];
  /** The Store's API (api.<domain>), as a backend calls it with an access token. */
  api: ApiCall;
  /** How the backend trades a refresh token for a new JWT: the JWT API by default, the token endpoint for OAuth clients. */
  refreshTokens: (profile: AppProfile) => RefreshTokenExchange;
}

/** One refresh: the new JWT, and the new refresh token when the policy rotates it. Throws when refused. */
export type RefreshTokenExchange = (refreshToken: string) => Promise<{ token?: string; refreshToken?: string }>;
