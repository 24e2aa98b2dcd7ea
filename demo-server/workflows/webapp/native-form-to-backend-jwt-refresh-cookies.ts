import { serverRenderedApp } from '../../apps/server-rendered-app.ts';
import { jwtAndRefreshTokenCookies } from '../../apps/server-sessions.ts';
import { serverRefreshAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/** Server-rendered apps log in through their backend and keep both tokens in host-only HttpOnly cookies. */
export const workflow: Workflow = {
  id: 'webapp/native-form-to-backend-jwt-refresh-cookies',
  app: (profile, services) => serverRenderedApp(profile, services, jwtAndRefreshTokenCookies),
  idpCookies: 'host-only',
  jumps: ['jwt-expires', 'refresh-token-expires'],
  attacks: serverRefreshAttacks,
};
