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
}
