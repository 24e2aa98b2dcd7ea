import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applicationSchema, tenantPatchSchema } from './configuration.ts';
import type { IdpContext } from './context.ts';
import { ApiError, parseOrThrow } from './errors.ts';
import { isGuid } from './http.ts';
import { parseRegistrationRequest, register } from './registration.ts';
import { generateSigningKey } from './tokens.ts';

// FusionAuth's kickstart file: `variables`, `apiKeys` and a list of API `requests` replayed on a
// fresh install. This IdP applies the subset it needs and names anything else it cannot apply.

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

export function kickstartFingerprint(document: unknown): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
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

const keyRequest = z.object({
  key: z.object({
    algorithm: z.enum(['HS256', 'RS256']),
    name: z.string().min(1),
    length: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
  }),
});

const systemConfigurationRequest = z.object({
  systemConfiguration: z.object({
    corsConfiguration: z
      .object({ enabled: z.boolean().default(false), allowedOrigins: z.array(z.url()).default([]) })
      .optional(),
  }),
});

type Handler = (ctx: IdpContext, id: string | undefined, body: unknown) => Promise<void> | void;

// Supported requests, by method and URL path without the optional trailing id.
const HANDLERS: Record<string, Handler> = {
  'POST /api/key/generate': async (ctx, id, body) => {
    const { key } = parseOrThrow(keyRequest, body, '');
    const stored = await generateSigningKey(id ?? randomUUID(), key.name, key.algorithm, key.length);
    ctx.store.signingKeys.insert(stored);
    ctx.keys.add(stored);
  },
  'POST /api/application': (ctx, id, body) => {
    const application = parseOrThrow(z.object({ application: applicationSchema }), body).application;
    const { accessTokenKeyId, idTokenKeyId } = application.jwtConfiguration;
    for (const keyId of [accessTokenKeyId, idTokenKeyId]) {
      if (keyId && !ctx.keys.has(keyId)) throw new KickstartError(`the application uses signing key ${keyId}, which no earlier request generated`);
    }
    ctx.store.applications.insert(id ?? randomUUID(), application);
  },
  'POST /api/user/registration': async (ctx, id, body) => {
    await register(ctx, id, parseRegistrationRequest(body));
  },
  'PATCH /api/tenant': (ctx, id, body) => {
    if (id !== ctx.tenant.id) throw new KickstartError(`only the default tenant (${ctx.tenant.id}) can be patched`);
    const patch = parseOrThrow(z.object({ tenant: tenantPatchSchema }), body).tenant;
    ctx.tenant = { ...ctx.tenant, ...(patch.issuer ? { issuer: patch.issuer } : {}), jwt: { ...ctx.tenant.jwt, ...patch.jwtConfiguration } };
  },
  'PATCH /api/system-configuration': (ctx, _id, body) => {
    const cors = parseOrThrow(systemConfigurationRequest, body).systemConfiguration.corsConfiguration;
    if (cors?.enabled) {
      const origins = cors.allowedOrigins.map((url) => new URL(url).origin);
      ctx.store.settings.saveCorsOrigins([...new Set([...ctx.store.settings.corsOrigins(), ...origins])]);
    }
    ctx.log('kickstart: from the system configuration only corsConfiguration.allowedOrigins is used; the rest is ignored');
  },
};

function route(method: string, url: string): { handler: Handler; id: string | undefined } | null {
  const path = url.split('?')[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  const id = isGuid(last) ? last.toLowerCase() : undefined;
  const base = id ? path.slice(0, path.lastIndexOf('/')) : path;
  const handler = HANDLERS[`${method.toUpperCase()} ${base.replace(/\/$/, '')}`];
  return handler ? { handler, id } : null;
}

/** Replays the kickstart against a fresh database. Callers run it inside one transaction. */
export async function applyKickstart(ctx: IdpContext, document: KickstartDocument): Promise<void> {
  document.apiKeys.forEach((apiKey, index) => {
    if (apiKey.permissions !== undefined) {
      throw new KickstartError(`apiKeys[${index}] limits the key to some endpoints; the embedded IdP only supports unrestricted keys.`);
    }
    ctx.store.settings.addApiKey(apiKey.key, apiKey.description);
  });
  for (const [index, request] of document.requests.entries()) {
    const label = `kickstart request #${index} (${request.method} ${request.url})`;
    const target = route(request.method, request.url);
    if (!target) throw new KickstartError(`${label} is not supported by the embedded IdP.`);
    try {
      await target.handler(ctx, target.id, request.body ?? {});
    } catch (error) {
      const detail = error instanceof ApiError ? JSON.stringify(error.body) : (error as Error).message;
      throw new KickstartError(`${label} failed: ${detail}`);
    }
  }
}
