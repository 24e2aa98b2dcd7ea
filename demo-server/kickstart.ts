/**
 * The demo's one configuration, kickstart.json, in FusionAuth's kickstart format: read and resolved
 * here for everything that needs it — the embedded IdP that applies it, the demo backends'
 * connection, and the token lifetimes the panel and the articles quote.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import demoKickstartFile from './kickstart.json' with { type: 'json' };
import type { RunSnapshot } from './protocol.ts';

/** FusionAuth's own (admin UI) application has this id in every installation. */
export const FUSIONAUTH_APPLICATION_ID = '3c219e58-ed0e-4b18-ad48-f4f92793ae32';

const kickstartSchema = z.object({
  variables: z.record(z.string(), z.string()).default({}),
  apiKeys: z
    .array(z.object({ key: z.string().min(1), description: z.string().optional(), permissions: z.unknown().optional() }))
    .default([]),
  requests: z
    .array(z.object({ method: z.string(), url: z.string(), body: z.unknown().optional(), tenantId: z.string().optional() }))
    .default([]),
});

export type KickstartDocument = z.output<typeof kickstartSchema>;

export class KickstartError extends Error {}

/** A kickstart file as written: the demo's own, or the one at `path`. */
export function readKickstart(path?: string): unknown {
  return path === undefined ? demoKickstartFile : JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Parses a kickstart document and substitutes `#{name}` everywhere: its own variables (which may
 * use `#{UUID()}` and `#{ENV.NAME}`) and FusionAuth's built-in `FUSIONAUTH_APPLICATION_ID` and
 * `FUSIONAUTH_TENANT_ID`.
 */
export function resolveKickstart(raw: unknown, env: Record<string, string | undefined>): KickstartDocument {
  const parsed = kickstartSchema.safeParse(raw);
  if (!parsed.success) throw new KickstartError(`The kickstart file is not in FusionAuth's format: ${parsed.error.message}`);
  const document = parsed.data;
  const variables = new Map<string, string>([['FUSIONAUTH_APPLICATION_ID', FUSIONAUTH_APPLICATION_ID]]);
  const resolveValue = (value: string): string =>
    value.replace(/#\{([^}]+)\}/g, (_, name: string) => {
      if (name === 'UUID()') return randomUUID();
      if (name.startsWith('ENV.')) {
        const fromEnv = env[name.slice(4)];
        if (fromEnv === undefined) throw new KickstartError(`The kickstart uses #{${name}} but that environment variable is not set.`);
        return fromEnv;
      }
      const known = variables.get(name);
      if (known === undefined) throw new KickstartError(`The kickstart uses #{${name}}, which is not defined in its variables.`);
      return known;
    });
  for (const [name, value] of Object.entries(document.variables)) variables.set(name, resolveValue(value));
  variables.set('FUSIONAUTH_TENANT_ID', variables.get('defaultTenantId') ?? randomUUID());

  const substitute = (value: unknown): unknown => {
    if (typeof value === 'string') return resolveValue(value);
    if (Array.isArray(value)) return value.map(substitute);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substitute(inner)]));
    }
    return value;
  };
  return {
    variables: Object.fromEntries(variables),
    apiKeys: substitute(document.apiKeys) as KickstartDocument['apiKeys'],
    requests: substitute(document.requests) as KickstartDocument['requests'],
  };
}

let demo: KickstartDocument | undefined;

/** The demo's kickstart, resolved on first use and kept for the life of the process. */
export function demoKickstart(): KickstartDocument {
  demo ??= resolveKickstart(demoKickstartFile, process.env);
  return demo;
}

export function kickstartVariable(name: string, kickstart: KickstartDocument = demoKickstart()): string {
  const value = kickstart.variables[name];
  if (value === undefined) throw new KickstartError(`The kickstart defines no variable "${name}".`);
  return value;
}

export type TokenLifetimes = RunSnapshot['lifetimes'];

/** FusionAuth's defaults for an application that sets no lifetimes. */
export const FUSIONAUTH_DEFAULT_LIFETIMES: TokenLifetimes = { jwtSeconds: 3600, refreshTokenSeconds: 30 * 24 * 3600 };

const applicationBody = z.object({
  application: z.object({
    jwtConfiguration: z
      .object({ timeToLiveInSeconds: z.number().int().positive().optional(), refreshTokenTimeToLiveInMinutes: z.number().int().positive().optional() })
      .optional(),
  }),
});

/**
 * Token lifetimes of an application, as the kickstart that configures both the embedded IdP and a
 * real FusionAuth sets them. The clock jumps and the panel's countdowns use these.
 */
export function tokenLifetimes(applicationId: string, kickstart: KickstartDocument = demoKickstart()): TokenLifetimes {
  const request = kickstart.requests.find((entry) => entry.method === 'POST' && entry.url === `/api/application/${applicationId}`);
  if (!request) throw new KickstartError(`The kickstart creates no application ${applicationId}.`);
  const jwt = applicationBody.parse(request.body).application.jwtConfiguration;
  return {
    jwtSeconds: jwt?.timeToLiveInSeconds ?? FUSIONAUTH_DEFAULT_LIFETIMES.jwtSeconds,
    refreshTokenSeconds: jwt?.refreshTokenTimeToLiveInMinutes === undefined ? FUSIONAUTH_DEFAULT_LIFETIMES.refreshTokenSeconds : jwt.refreshTokenTimeToLiveInMinutes * 60,
  };
}
