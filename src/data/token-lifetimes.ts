/**
 * How long logins last: the identity provider's defaults, which the articles quote, and the live
 * demo's settings, read from the demo's own configuration so the articles cannot drift from it.
 */
import kickstart from '../../demo-server/kickstart.json' with { type: 'json' };
import { SESSION_TIMEOUTS } from '../../demo-server/apps/session-store.ts';

export interface TokenLifetimes {
  jwtSeconds: number;
  refreshTokenSeconds: number;
}

/** FusionAuth's defaults for an application that sets no lifetimes. */
export const DEFAULT_LIFETIMES: TokenLifetimes = { jwtSeconds: 3600, refreshTokenSeconds: 30 * 24 * 3600 };

interface KickstartRequest {
  body?: { application?: { name?: string; jwtConfiguration?: { timeToLiveInSeconds?: number; refreshTokenTimeToLiveInMinutes?: number } } };
}

function demoLifetimes(): TokenLifetimes {
  const store = (kickstart.requests as KickstartRequest[]).find((request) => request.body?.application?.name === 'Store');
  const jwt = store?.body?.application?.jwtConfiguration;
  return {
    jwtSeconds: jwt?.timeToLiveInSeconds ?? DEFAULT_LIFETIMES.jwtSeconds,
    refreshTokenSeconds: (jwt?.refreshTokenTimeToLiveInMinutes ?? DEFAULT_LIFETIMES.refreshTokenSeconds / 60) * 60,
  };
}

/** The live demo shortens the token lifetimes so a reader can watch them run out. */
export const DEMO_LIFETIMES: TokenLifetimes = demoLifetimes();

/** The demo's session timeouts: a session ends after this long without a request, or this long after its login. */
export const DEMO_SESSION_TIMEOUTS = SESSION_TIMEOUTS;

const UNITS = [
  [24 * 3600, 'a day', 'days'],
  [3600, 'an hour', 'hours'],
  [60, 'a minute', 'minutes'],
  [1, 'a second', 'seconds'],
] as const;

/** A whole number of seconds as a reader says it: "an hour", "5 minutes", "30 days". */
export function duration(seconds: number): string {
  const [unit, one, many] = UNITS.find(([size]) => seconds % size === 0) ?? UNITS[3];
  const count = seconds / unit;
  return count === 1 ? one : `${count} ${many}`;
}
