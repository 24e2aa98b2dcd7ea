import type { Hono } from 'hono';
import type { AppProfile } from '../apps/app-profiles.ts';
import type { AppServices } from '../apps/app-services.ts';
import type { AttackPlan } from '../hacker/attack-plans.ts';
import type { ClockJump } from '../protocol.ts';
import type { AppBindings } from '../runs/host-env.ts';
import type { CookieDomainPolicy } from '../vocabulary.ts';

/** Builds a workflow's variant of the Store or the Forums (see `app-builders.ts`). */
export type AppBuilder = (profile: AppProfile, services: AppServices) => Hono<AppBindings>;

/**
 * What a demo definition file, `workflows/<app-type>/<slug>.ts`, declares: which variant of the
 * apps the workflow needs, how the login host treats cookies, and what the panel offers.
 */
export interface WorkflowDefinition {
  app: AppBuilder;
  /** How the login host passes on the identity provider's cookies. */
  idpCookies: CookieDomainPolicy;
  /** What the panel's clock can make expire, in the order its buttons appear. */
  jumps: ClockJump[];
  /** The attacks of the article's "Attack vectors" section, from `hacker/attack-plans.ts`. */
  attacks: AttackPlan[];
}

/** A runnable workflow: its definition under its article id, `<app-type>/<slug>`, the path of its file. */
export interface Workflow extends WorkflowDefinition {
  id: string;
}

const definitions = new WeakSet<WorkflowDefinition>();

/** Declares a workflow's live demo; a definition file default-exports what this returns. */
export function defineWorkflow(definition: WorkflowDefinition): WorkflowDefinition {
  const kinds = definition.attacks.map((attack) => attack.kind);
  const twice = kinds.find((kind, index) => kinds.indexOf(kind) !== index);
  if (twice) throw new Error(`two attacks of kind "${twice}": the panel offers each kind once`);
  const jump = definition.jumps.find((jump, index) => definition.jumps.indexOf(jump) !== index);
  if (jump) throw new Error(`the clock jump "${jump}" is listed twice`);
  definitions.add(definition);
  return definition;
}

export const isWorkflowDefinition = (value: unknown): value is WorkflowDefinition =>
  typeof value === 'object' && value !== null && definitions.has(value as WorkflowDefinition);
