import { z } from 'zod';

// The application and tenant settings this IdP honours, read from the same JSON a real FusionAuth
// accepts (kickstart `POST /api/application/{id}` and `PATCH /api/tenant/{id}` bodies). Fields it
// does not know are ignored, as they would change nothing here.

const usagePolicy = z.enum(['Reusable', 'OneTimeUse']);
const expirationPolicy = z.enum(['Fixed', 'SlidingWindow', 'SlidingWindowWithMaximumLifetime']);
const positiveInt = z.number().int().positive();

const jwtSettings = z.object({
  enabled: z.boolean().optional(),
  accessTokenKeyId: z.guid().optional(),
  idTokenKeyId: z.guid().optional(),
  timeToLiveInSeconds: positiveInt.optional(),
  refreshTokenTimeToLiveInMinutes: positiveInt.optional(),
  refreshTokenUsagePolicy: usagePolicy.optional(),
  refreshTokenExpirationPolicy: expirationPolicy.optional(),
  refreshTokenSlidingWindowConfiguration: z.object({ maximumTimeToLiveInMinutes: positiveInt.optional() }).optional(),
  refreshTokenRevocationPolicy: z.object({ onOneTimeTokenReuse: z.boolean().optional() }).optional(),
});

const role = z.union([
  z.string().min(1).transform((name) => ({ name, isDefault: false })),
  z.object({ name: z.string().min(1), isDefault: z.boolean().default(false) }),
]);

export const applicationSchema = z.object({
  name: z.string().min(1),
  roles: z.array(role).default([]),
  loginConfiguration: z
    .object({
      allowTokenRefresh: z.boolean().default(false),
      generateRefreshTokens: z.boolean().default(false),
      requireAuthentication: z.boolean().default(true),
    })
    .prefault({}),
  jwtConfiguration: jwtSettings.prefault({}),
  oauthConfiguration: z
    .object({
      authorizedRedirectURLs: z.array(z.url()).default([]),
      clientSecret: z.string().min(1).optional(),
      enabledGrants: z.array(z.string()).default(['authorization_code', 'refresh_token']),
      generateRefreshTokens: z.boolean().default(true),
      clientAuthenticationPolicy: z.enum(['Required', 'NotRequired', 'NotRequiredWhenUsingPKCE']).optional(),
      requireClientAuthentication: z.boolean().optional(),
      proofKeyForCodeExchangePolicy: z
        .enum(['Required', 'NotRequired', 'NotRequiredWhenUsingClientAuthentication'])
        .default('NotRequired'),
      requireRegistration: z.boolean().default(false),
      logoutURL: z.url().optional(),
    })
    .prefault({}),
});

export type ApplicationConfig = z.output<typeof applicationSchema>;

export interface Application extends ApplicationConfig {
  id: string;
}

/** Client authentication as FusionAuth resolves it: the policy wins over the older boolean. */
export function clientAuthenticationPolicy(app: Application): 'Required' | 'NotRequired' | 'NotRequiredWhenUsingPKCE' {
  const oauth = app.oauthConfiguration;
  if (oauth.clientAuthenticationPolicy) return oauth.clientAuthenticationPolicy;
  return oauth.requireClientAuthentication === false ? 'NotRequired' : 'Required';
}

export const tenantPatchSchema = z.object({
  issuer: z.string().min(1).optional(),
  jwtConfiguration: jwtSettings.optional(),
});

type JwtSettings = z.output<typeof jwtSettings>;

export interface TenantSettings {
  id: string;
  issuer: string;
  /** The tenant's keys default to the "Default signing key" made when the database is created. */
  jwt: JwtSettings & { accessTokenKeyId: string; idTokenKeyId: string };
}

/** Token lifetimes and refresh-token behaviour for one application, after tenant fallbacks. */
export interface TokenPolicy {
  accessTokenKeyId: string;
  idTokenKeyId: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlMinutes: number;
  usage: z.output<typeof usagePolicy>;
  expiration: z.output<typeof expirationPolicy>;
  maximumLifetimeMinutes: number;
  revokeFamilyOnReuse: boolean;
}

// FusionAuth's defaults for a new tenant.
const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
const DEFAULT_REFRESH_TOKEN_TTL_MINUTES = 43_200;

/**
 * An application's own JWT settings apply only when its `jwtConfiguration.enabled` is true;
 * otherwise the tenant's do. Revocation on reuse is a tenant setting in FusionAuth.
 */
export function tokenPolicy(tenant: TenantSettings, app: Application | null): TokenPolicy {
  const own: JwtSettings = app?.jwtConfiguration.enabled ? app.jwtConfiguration : {};
  const refreshTokenTtlMinutes =
    own.refreshTokenTimeToLiveInMinutes ?? tenant.jwt.refreshTokenTimeToLiveInMinutes ?? DEFAULT_REFRESH_TOKEN_TTL_MINUTES;
  const slidingWindow = own.refreshTokenSlidingWindowConfiguration ?? tenant.jwt.refreshTokenSlidingWindowConfiguration;
  return {
    accessTokenKeyId: own.accessTokenKeyId ?? tenant.jwt.accessTokenKeyId,
    idTokenKeyId: own.idTokenKeyId ?? tenant.jwt.idTokenKeyId,
    accessTokenTtlSeconds: own.timeToLiveInSeconds ?? tenant.jwt.timeToLiveInSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlMinutes,
    usage: own.refreshTokenUsagePolicy ?? tenant.jwt.refreshTokenUsagePolicy ?? 'Reusable',
    expiration: own.refreshTokenExpirationPolicy ?? tenant.jwt.refreshTokenExpirationPolicy ?? 'Fixed',
    maximumLifetimeMinutes: slidingWindow?.maximumTimeToLiveInMinutes ?? refreshTokenTtlMinutes,
    revokeFamilyOnReuse: tenant.jwt.refreshTokenRevocationPolicy?.onOneTimeTokenReuse ?? false,
  };
}
