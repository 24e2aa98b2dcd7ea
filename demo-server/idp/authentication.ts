import type { IdpContext } from './context.ts';
import type { UserRecord } from './store/users.ts';

export type AuthenticationOutcome =
  | { kind: 'authenticated'; user: UserRecord; at: number }
  | { kind: 'failed' }
  | { kind: 'locked' };

/**
 * Checks a login id and password. Unknown users and wrong passwords look the same from outside
 * (same answer, same hashing work). Too many wrong passwords in a row lock the account for a while.
 */
export async function authenticate(ctx: IdpContext, loginId: string, password: string): Promise<AuthenticationOutcome> {
  const { users } = ctx.store;
  const user = users.findByLoginId(loginId);
  if (!user) {
    await ctx.passwords.verifyAgainstNobody(password);
    return { kind: 'failed' };
  }
  if (user.lockedUntil !== null && ctx.clock.nowFor(user.id) < user.lockedUntil) return { kind: 'locked' };

  const matches = await ctx.passwords.verify(password, user.passwordHash);
  const now = ctx.clock.nowFor(user.id);
  if (matches) return { kind: 'authenticated', user, at: now };

  const { maxFailedAttempts, resetCountInSeconds, durationSeconds } = ctx.lockout;
  const failures = users.countFailedLogin(user.id, now, now - resetCountInSeconds * 1000);
  if (failures >= maxFailedAttempts) {
    users.lock(user.id, now + durationSeconds * 1000);
    ctx.log(`user ${user.id} locked for ${durationSeconds}s after ${failures} failed logins`);
  }
  return { kind: 'failed' };
}
