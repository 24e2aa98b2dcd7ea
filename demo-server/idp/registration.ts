import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IdpContext } from './context.ts';
import { ApiError, parseOrThrow } from './errors.ts';
import { transaction } from './store/database.ts';
import type { RegistrationRecord, UserRecord } from './store/users.ts';

// FusionAuth's default tenant password rules: 8 to 256 characters.
const registrationRequestSchema = z.object({
  user: z
    .object({
      id: z.guid().optional(),
      email: z.email().max(320).optional(),
      username: z.string().min(1).max(100).optional(),
      password: z.string().min(8).max(256).optional(),
      firstName: z.string().max(100).optional(),
      lastName: z.string().max(100).optional(),
    })
    .optional(),
  registration: z.object({
    applicationId: z.guid(),
    roles: z.array(z.string().min(1).max(100)).max(50).optional(),
  }),
});

export type RegistrationRequest = z.output<typeof registrationRequestSchema>;

export function parseRegistrationRequest(body: unknown): RegistrationRequest {
  return parseOrThrow(registrationRequestSchema, body);
}

/**
 * FusionAuth's registration API: creates the user too when `user` is given ("combined"
 * registration), otherwise registers an existing user (identified by the path's id) for one more app.
 */
export async function register(
  ctx: IdpContext,
  pathUserId: string | undefined,
  request: RegistrationRequest,
): Promise<{ user: UserRecord; registration: RegistrationRecord }> {
  const { users, applications } = ctx.store;
  const application = applications.find(request.registration.applicationId);
  if (!application) throw ApiError.field('registration.applicationId', 'invalid', 'No application exists with this id.');
  const roleNames = new Set(application.roles.map((role) => role.name));
  const roles = request.registration.roles ?? application.roles.filter((role) => role.isDefault).map((role) => role.name);
  const unknownRole = roles.find((role) => !roleNames.has(role));
  if (unknownRole) throw ApiError.field('registration.roles', 'invalid', `The application has no role named [${unknownRole}].`);

  const newUser = request.user;
  const userId = (pathUserId ?? newUser?.id ?? randomUUID()).toLowerCase();
  if (!newUser && !pathUserId) throw ApiError.field('user', 'blank', 'Give either a user to create or the id of an existing user.');
  if (newUser && !newUser.email && !newUser.username) throw ApiError.field('user.email', 'blank', 'You must specify either [user.email] or [user.username].');
  if (newUser && !newUser.password) throw ApiError.field('user.password', 'blank', 'You must specify the [user.password] property.');
  // Hash before the transaction: it must not await.
  const passwordHash = newUser?.password ? await ctx.passwords.hash(newUser.password) : null;
  const now = ctx.clock.realNow();

  return transaction(ctx.store.db, () => {
    if (newUser && passwordHash) {
      if (users.findById(userId)) throw ApiError.field('userId', 'duplicate', 'A user with this id already exists.');
      if (newUser.email && users.findByEmail(newUser.email)) throw ApiError.field('user.email', 'duplicate', 'A user with this email already exists.');
      if (newUser.username && users.findByLoginId(newUser.username)) {
        throw ApiError.field('user.username', 'duplicate', 'A user with this username already exists.');
      }
      users.insert({
        id: userId,
        email: newUser.email ?? null,
        username: newUser.username ?? null,
        passwordHash,
        firstName: newUser.firstName ?? null,
        lastName: newUser.lastName ?? null,
        insertInstant: now,
      });
    } else if (!users.findById(userId)) {
      throw ApiError.field('userId', 'invalid', 'No user exists with this id.');
    }
    if (users.registration(userId, application.id)) {
      throw ApiError.field('registration.applicationId', 'duplicate', 'The user is already registered for this application.');
    }
    const registration: RegistrationRecord = { id: randomUUID(), userId, applicationId: application.id, roles, insertInstant: now, lastLoginInstant: null };
    users.addRegistration(registration);
    const user = users.findById(userId);
    if (!user) throw new Error(`user ${userId} vanished during registration`);
    return { user, registration };
  });
}
