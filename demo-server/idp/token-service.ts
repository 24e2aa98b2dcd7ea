import { createHash, randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { tokenPolicy, type Application, type TokenPolicy } from './configuration.ts';
import type { IdpContext } from './context.ts';
import { randomSecret } from './secrets.ts';
import type { RefreshTokenRecord } from './store/refresh-tokens.ts';
import type { UserRecord } from './store/users.ts';

export const AUTHORIZATION_CODE_TTL_SECONDS = 30;

export function policyFor(ctx: IdpContext, application: Application | null): TokenPolicy {
  return tokenPolicy(ctx.tenant, application);
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export interface AccessTokenRequest {
  user: UserRecord;
  application: Application | null;
  authenticationType: string;
  authTime: number;
  sid?: string | undefined;
  scope?: string | undefined;
}

export interface SignedToken {
  token: string;
  /** Epoch ms, FusionAuth's `tokenExpirationInstant`. */
  expiresAt: number;
  ttlSeconds: number;
}

/** Signs an access token with FusionAuth's claims, timed on the user's (demo) clock. */
export async function issueAccessToken(ctx: IdpContext, request: AccessTokenRequest): Promise<SignedToken> {
  const { user, application } = request;
  const policy = policyFor(ctx, application);
  const iat = seconds(ctx.clock.nowFor(user.id));
  const exp = iat + policy.accessTokenTtlSeconds;
  const registration = application ? ctx.store.users.registration(user.id, application.id) : null;
  const claims: JWTPayload = {
    ...(application ? { aud: application.id } : {}),
    exp,
    iat,
    iss: ctx.tenant.issuer,
    sub: user.id,
    jti: randomUUID(),
    authenticationType: request.authenticationType,
    ...(user.email !== null ? { email: user.email, email_verified: true } : {}),
    ...(user.username !== null ? { preferred_username: user.username } : {}),
    ...(application ? { applicationId: application.id } : {}),
    ...(registration ? { roles: registration.roles } : {}),
    ...(request.scope !== undefined ? { scope: request.scope } : {}),
    ...(request.sid !== undefined ? { sid: request.sid } : {}),
    auth_time: seconds(request.authTime),
    tid: ctx.tenant.id,
  };
  return { token: await ctx.keys.sign(policy.accessTokenKeyId, claims), expiresAt: exp * 1000, ttlSeconds: policy.accessTokenTtlSeconds };
}

export interface IdTokenRequest {
  user: UserRecord;
  application: Application;
  accessToken: string;
  authenticationType: string;
  authTime: number;
  nonce: string | null;
  sid: string;
}

/** OpenID Connect id token, bound to its access token by `at_hash`. */
export async function issueIdToken(ctx: IdpContext, request: IdTokenRequest): Promise<string> {
  const { user, application } = request;
  const policy = policyFor(ctx, application);
  const iat = seconds(ctx.clock.nowFor(user.id));
  const digest = createHash('sha256').update(request.accessToken).digest();
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  const claims: JWTPayload = {
    aud: application.id,
    exp: iat + policy.accessTokenTtlSeconds,
    iat,
    iss: ctx.tenant.issuer,
    sub: user.id,
    jti: randomUUID(),
    authenticationType: request.authenticationType,
    ...(user.email !== null ? { email: user.email, email_verified: true } : {}),
    ...(name ? { name } : {}),
    ...(user.firstName !== null ? { given_name: user.firstName } : {}),
    ...(user.lastName !== null ? { family_name: user.lastName } : {}),
    ...(user.username !== null ? { preferred_username: user.username } : {}),
    at_hash: digest.subarray(0, digest.length / 2).toString('base64url'),
    ...(request.nonce !== null ? { nonce: request.nonce } : {}),
    auth_time: seconds(request.authTime),
    sid: request.sid,
    tid: ctx.tenant.id,
  };
  return ctx.keys.sign(policy.idTokenKeyId, claims);
}

function expiryFor(policy: TokenPolicy, startInstant: number, now: number): number {
  const window = now + policy.refreshTokenTtlMinutes * 60_000;
  switch (policy.expiration) {
    case 'Fixed':
      return startInstant + policy.refreshTokenTtlMinutes * 60_000;
    case 'SlidingWindow':
      return window;
    case 'SlidingWindowWithMaximumLifetime':
      return Math.min(window, startInstant + policy.maximumLifetimeMinutes * 60_000);
  }
}

export interface RefreshTokenRequest {
  user: UserRecord;
  application: Application;
  authenticationType: string;
  authTime: number;
  scope: string | null;
  pkce: boolean;
}

export interface IssuedRefreshToken {
  token: string;
  record: RefreshTokenRecord;
}

export function issueRefreshToken(ctx: IdpContext, request: RefreshTokenRequest): IssuedRefreshToken {
  const now = ctx.clock.nowFor(request.user.id);
  const id = randomUUID();
  const record: RefreshTokenRecord = {
    id,
    familyId: id,
    userId: request.user.id,
    applicationId: request.application.id,
    scope: request.scope,
    authenticationType: request.authenticationType,
    authTime: request.authTime,
    pkce: request.pkce,
    startInstant: now,
    insertInstant: now,
    expiresAt: expiryFor(policyFor(ctx, request.application), now, now),
    rotatedAt: null,
  };
  const token = randomSecret();
  ctx.store.refreshTokens.insert(token, record);
  return { token, record };
}

export interface LiveRefreshToken {
  token: string;
  record: RefreshTokenRecord;
  user: UserRecord;
  application: Application;
}

/**
 * Finds a usable refresh token. Unknown, expired and rotated-out tokens are all "not found";
 * a rotated-out one presented again is reuse, which revokes its whole family when the tenant says so.
 */
export function findRefreshToken(ctx: IdpContext, token: string): LiveRefreshToken | null {
  const record = ctx.store.refreshTokens.findByToken(token);
  if (!record || !record.applicationId) return null;
  const application = ctx.store.applications.find(record.applicationId);
  const user = ctx.store.users.findById(record.userId);
  if (!application || !user) return null;
  if (record.rotatedAt !== null) {
    if (policyFor(ctx, application).revokeFamilyOnReuse) {
      const revoked = ctx.store.refreshTokens.deleteFamily(record.familyId);
      ctx.log(`refresh token reuse for user ${user.id}: revoked ${revoked} token(s) of family ${record.familyId}`);
    }
    return null;
  }
  if (ctx.clock.nowFor(user.id) >= record.expiresAt) return null;
  return { token, record, user, application };
}

/**
 * Spends a refresh token per its application's policy: OneTimeUse swaps it for a successor in the
 * same family; sliding windows push the expiry out. Returns the token the client should keep, or
 * null if a concurrent request rotated it first.
 */
export function useRefreshToken(ctx: IdpContext, live: LiveRefreshToken): LiveRefreshToken | null {
  const policy = policyFor(ctx, live.application);
  const now = ctx.clock.nowFor(live.user.id);
  const expiresAt = expiryFor(policy, live.record.startInstant, now);
  if (policy.usage === 'OneTimeUse') {
    const successor: RefreshTokenRecord = { ...live.record, id: randomUUID(), insertInstant: now, expiresAt, rotatedAt: null };
    const token = randomSecret();
    if (!ctx.store.refreshTokens.rotate(live.record.id, now, token, successor)) return null;
    return { ...live, token, record: successor };
  }
  if (expiresAt !== live.record.expiresAt) ctx.store.refreshTokens.extend(live.record.id, expiresAt);
  return { ...live, record: { ...live.record, expiresAt } };
}

/** Seconds left on a refresh token, for the cookie's Max-Age. */
export function refreshTokenMaxAge(ctx: IdpContext, record: RefreshTokenRecord): number {
  return Math.max(0, Math.ceil((record.expiresAt - ctx.clock.nowFor(record.userId)) / 1000));
}

/** Verifies one of our JWTs on its subject's clock; null if forged, tampered, expired or unknown. */
export function verifyJwt(ctx: IdpContext, token: string): Promise<JWTPayload | null> {
  return ctx.keys.verify(token, { issuer: ctx.tenant.issuer, nowFor: (subject) => ctx.clock.nowFor(subject) });
}
