import { workflow as spaNativeFormToIdpSameDomain } from './spa/native-form-to-idp-same-domain-jwt-refresh-cookies.ts';
import type { Workflow } from './workflow.ts';
import { workflow as webappNativeFormToBackend } from './webapp/native-form-to-backend-jwt-refresh-cookies.ts';

/** Every workflow with a live demo, by article id. */
export const WORKFLOWS: ReadonlyMap<string, Workflow> = new Map(
  [webappNativeFormToBackend, spaNativeFormToIdpSameDomain].map((workflow) => [workflow.id, workflow]),
);
