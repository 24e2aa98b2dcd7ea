import type { IdpContext } from './context.ts';
import type { RegistrationRecord, UserRecord } from './store/users.ts';

/** A registration as FusionAuth returns it. */
export function registrationJson(registration: RegistrationRecord) {
  return {
    applicationId: registration.applicationId,
    id: registration.id,
    insertInstant: registration.insertInstant,
    ...(registration.lastLoginInstant !== null ? { lastLoginInstant: registration.lastLoginInstant } : {}),
    roles: registration.roles,
    usernameStatus: 'ACTIVE',
    verified: true,
  };
}

/** A user as FusionAuth returns it (the fields this IdP keeps; never the password hash). */
export function userJson(ctx: IdpContext, user: UserRecord) {
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    active: true,
    ...(user.email !== null ? { email: user.email } : {}),
    ...(user.firstName !== null ? { firstName: user.firstName } : {}),
    ...(fullName ? { fullName } : {}),
    id: user.id,
    insertInstant: user.insertInstant,
    ...(user.lastLoginInstant !== null ? { lastLoginInstant: user.lastLoginInstant } : {}),
    ...(user.lastName !== null ? { lastName: user.lastName } : {}),
    lastUpdateInstant: user.lastUpdateInstant,
    passwordChangeRequired: false,
    passwordLastUpdateInstant: user.passwordLastUpdateInstant,
    registrations: ctx.store.users.registrations(user.id).map(registrationJson),
    tenantId: ctx.tenant.id,
    ...(user.username !== null ? { username: user.username } : {}),
    usernameStatus: 'ACTIVE',
    verified: true,
  };
}
