import type { Hono } from 'hono';
import type { AppProfile } from '../apps/app-profiles.ts';
import type { AppServices } from '../apps/app-services.ts';
import type { AttackPlan } from '../hacker/attack-plans.ts';
import type { ClockJump } from '../protocol.ts';
import type { AppBindings } from '../runs/host-env.ts';
import type { CookieDomainPolicy } from '../vocabulary.ts';

/** A runnable workflow: which variant of the apps it needs, how the login host treats cookies, and its attacks. */
export interface Workflow {
  /** The article id, `<app-type>/<slug>`. */
  id: string;
  /** Builds this workflow's variant of the Store or the Forums. */
  app(profile: AppProfile, services: AppServices): Hono<AppBindings>;
  /** How the login host passes on the identity provider's cookies. */
  idpCookies: CookieDomainPolicy;
  /** What the panel's clock can make expire. */
  jumps: ClockJump[];
  attacks: AttackPlan[];
}
