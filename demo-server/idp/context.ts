import type { UserClock } from './clock.ts';
import type { TenantSettings } from './configuration.ts';
import type { PasswordHasher } from './passwords.ts';
import type { Store } from './store/store.ts';
import type { KeyRing } from './tokens.ts';

export interface LockoutPolicy {
  /** Wrong passwords within `resetCountInSeconds` that lock the user. */
  maxFailedAttempts: number;
  resetCountInSeconds: number;
  durationSeconds: number;
}

/** Everything a route needs, built once by `createIdp`. */
export interface IdpContext {
  store: Store;
  keys: KeyRing;
  /** Replaced (never mutated in place) when the kickstart patches the tenant. */
  tenant: TenantSettings;
  clock: UserClock;
  passwords: PasswordHasher;
  lockout: LockoutPolicy;
  ssoSessionTtlSeconds: number;
  /** Browser origins allowed to call the IdP with credentials (CORS); never reflected blindly. */
  allowedOrigins: readonly string[];
  demoMode: boolean;
  log: (line: string) => void;
}
