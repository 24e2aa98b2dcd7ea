import { workflow as spaNativeFormToBackend } from './spa/native-form-to-backend-jwt-refresh-cookies.ts';
import { workflow as spaNativeFormToBackendSessionRefreshToken } from './spa/native-form-to-backend-session-refresh-token.ts';
import { workflow as spaNativeFormToBackendSession } from './spa/native-form-to-backend-session.ts';
import { workflow as spaNativeFormToIdpDifferentDomain } from './spa/native-form-to-idp-different-domain-jwt-cookie.ts';
import { workflow as spaNativeFormToIdpLocalStorage } from './spa/native-form-to-idp-jwt-local-storage.ts';
import { workflow as spaNativeFormToIdpSameDomain } from './spa/native-form-to-idp-same-domain-jwt-refresh-cookies.ts';
import type { Workflow } from './workflow.ts';
import { workflow as webappNativeFormToBackend } from './webapp/native-form-to-backend-jwt-refresh-cookies.ts';
import { workflow as webappNativeFormToBackendSessionRefreshToken } from './webapp/native-form-to-backend-session-refresh-token.ts';
import { workflow as webappNativeFormToBackendSession } from './webapp/native-form-to-backend-session.ts';

/** Every workflow with a live demo, by article id. */
export const WORKFLOWS: ReadonlyMap<string, Workflow> = new Map(
  [
    webappNativeFormToBackend,
    webappNativeFormToBackendSession,
    webappNativeFormToBackendSessionRefreshToken,
    spaNativeFormToBackend,
    spaNativeFormToBackendSession,
    spaNativeFormToBackendSessionRefreshToken,
    spaNativeFormToIdpSameDomain,
    spaNativeFormToIdpLocalStorage,
    spaNativeFormToIdpDifferentDomain,
  ].map((workflow) => [workflow.id, workflow]),
);
