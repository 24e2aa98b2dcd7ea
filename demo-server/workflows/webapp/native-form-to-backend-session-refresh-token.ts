import { serverRenderedApp } from '../../apps/server-rendered-app.ts';
import { serverSessionWithRefreshToken } from '../../apps/server-sessions.ts';
import { serverSessionRefreshAttacks } from '../../hacker/attack-plans.ts';
import type { Workflow } from '../workflow.ts';

/** Server-rendered apps keep a server session and a refresh token cookie that recreates the session when it expires. */
export const workflow: Workflow = {
  id: 'webapp/native-form-to-backend-session-refresh-token',
  app: (profile, services) => serverRenderedApp(profile, services, serverSessionWithRefreshToken),
  idpCookies: 'host-only',
  jumps: ['session-expires', 'refresh-token-expires'],
  attacks: serverSessionRefreshAttacks,
};
