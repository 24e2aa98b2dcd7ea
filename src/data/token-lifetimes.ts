/**
 * How long logins last: the identity provider's defaults, which the articles quote, and the live
 * demo's settings, read from the demo's own configuration so the articles cannot drift from it.
 */
import { SESSION_TIMEOUTS } from '../../demo-server/apps/session-store.ts';
import { FUSIONAUTH_DEFAULT_LIFETIMES, kickstartVariable, tokenLifetimes, type TokenLifetimes } from '../../demo-server/kickstart.ts';

/** FusionAuth's defaults for an application that sets no lifetimes. */
export const DEFAULT_LIFETIMES: TokenLifetimes = FUSIONAUTH_DEFAULT_LIFETIMES;

/** The live demo shortens the token lifetimes so a reader can watch them run out. */
export const DEMO_LIFETIMES: TokenLifetimes = tokenLifetimes(kickstartVariable('storeApplicationId'));

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
