import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KickstartError, type KickstartDocument } from '../kickstart.ts';
import { applicationSchema, tenantPatchSchema } from './configuration.ts';
import type { IdpContext } from './context.ts';
import { ApiError, parseOrThrow } from './errors.ts';
import { isGuid } from './http.ts';
import { parseRegistrationRequest, register } from './registration.ts';
import { generateSigningKey } from './tokens.ts';

// Applies a kickstart (read and resolved by ../kickstart.ts): its `apiKeys` and list of API
// `requests`, replayed on a fresh install as FusionAuth does. This IdP applies the subset it needs
// and names anything else it cannot apply.

export function kickstartFingerprint(document: unknown): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
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
