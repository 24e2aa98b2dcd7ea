import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FUSIONAUTH_APPLICATION_ID, resolveKickstart } from '../kickstart.ts';
import { UserClock, systemClock, type Clock } from './clock.ts';
import { applicationSchema, type TenantSettings } from './configuration.ts';
import type { IdpContext, LockoutPolicy } from './context.ts';
import { ApiError, OAuthError } from './errors.ts';
import { applyKickstart, kickstartFingerprint } from './kickstart.ts';
import { PasswordHasher } from './passwords.ts';
import { applicationRoutes } from './routes/applications.ts';
import { demoClockRoutes } from './routes/demo-clock.ts';
import { jwtRoutes } from './routes/jwt.ts';
import { loginRoutes } from './routes/login.ts';
import { oauth2AuthorizeRoutes } from './routes/oauth2-authorize.ts';
import { oauth2TokenRoutes } from './routes/oauth2-token.ts';
import { userRoutes } from './routes/users.ts';
import { wellKnownRoutes } from './routes/well-known.ts';
import { openStore, purgeExpired, type Store } from './store/store.ts';
import { KeyRing, generateSigningKey } from './tokens.ts';

export interface IdpOptions {
  /** SQLite file, or `:memory:` for a throwaway database. */
  databasePath: string;
  /** A parsed FusionAuth kickstart document, applied once when the database is new. */
  kickstart?: unknown;
  /** Enables the demo clock (`/api/demo/clock`). Off: those routes do not exist. */
  demoMode?: boolean;
  /** Browser origins allowed to call the API with credentials, added to the kickstart's CORS origins. */
  allowedOrigins?: readonly string[];
  clock?: Clock;
  lockout?: Partial<LockoutPolicy>;
  ssoSessionTtlSeconds?: number;
  passwordHashIterations?: number;
  maxBodyBytes?: number;
  /** Environment for `#{ENV.NAME}` in the kickstart. */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export interface Idp {
  app: Hono;
  context: IdpContext;
  /** Starts serving; resolves to the base URL (port 0 picks a free port). */
  listen(port?: number, hostname?: string): Promise<string>;
  close(): Promise<void>;
}

const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailedAttempts: 5, resetCountInSeconds: 60, durationSeconds: 180 };
const PURGE_INTERVAL_MS = 60_000;

/** First start on a new database: the default key, FusionAuth's own application, then the kickstart. */
async function initialise(store: Store, options: IdpOptions, build: (tenant: TenantSettings, keys: KeyRing) => IdpContext): Promise<IdpContext> {
  const document = options.kickstart === undefined ? null : resolveKickstart(options.kickstart, options.env ?? process.env);
  store.db.exec('BEGIN IMMEDIATE');
  try {
    const defaultKey = await generateSigningKey(randomUUID(), 'Default signing key', 'HS256');
    store.signingKeys.insert(defaultKey);
    store.applications.insert(FUSIONAUTH_APPLICATION_ID, applicationSchema.parse({ name: 'FusionAuth', roles: ['admin'] }));
    const tenant: TenantSettings = {
      id: document?.variables.FUSIONAUTH_TENANT_ID ?? randomUUID(),
      issuer: 'acme.com',
      jwt: { accessTokenKeyId: defaultKey.id, idTokenKeyId: defaultKey.id },
    };
    const ctx = build(tenant, new KeyRing([defaultKey]));
    if (document) await applyKickstart(ctx, document);
    store.settings.saveTenant(ctx.tenant);
    store.settings.saveKickstartFingerprint(kickstartFingerprint(options.kickstart ?? null));
    store.db.exec('COMMIT');
    return ctx;
  } catch (error) {
    store.db.exec('ROLLBACK');
    throw error;
  }
}

function renderError(error: Error, c: Context, log: (line: string) => void): Response {
  if (error instanceof ApiError) {
    return error.body ? c.json(error.body, error.status as ContentfulStatusCode) : c.body(null, error.status as ContentfulStatusCode);
  }
  if (error instanceof OAuthError) {
    if (error.status === 401) c.header('WWW-Authenticate', `Bearer error="${error.error}"`);
    return c.json(error.toJSON(), error.status as ContentfulStatusCode);
  }
  if (error instanceof HTTPException) return error.getResponse();
  log(`unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
  return c.json({ fieldErrors: {}, generalErrors: [{ code: '[Exception]', message: 'The identity provider hit an unexpected error.' }] }, 500);
}

/**
 * Builds the embedded identity provider: a Hono app answering the FusionAuth API subset the demos
 * use, over a SQLite store. Nothing listens until `listen()`.
 */
export async function createIdp(options: IdpOptions): Promise<Idp> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(`[idp] ${line}`));
  const demoMode = options.demoMode ?? false;
  const store = openStore(options.databasePath, () => clock.now());

  const build = (tenant: TenantSettings, keys: KeyRing): IdpContext => ({
    store,
    keys,
    tenant,
    clock: new UserClock(clock, demoMode ? store.clockOffsets : null),
    passwords: new PasswordHasher(options.passwordHashIterations ?? 24_000),
    lockout: { ...DEFAULT_LOCKOUT, ...options.lockout },
    ssoSessionTtlSeconds: options.ssoSessionTtlSeconds ?? 3600,
    allowedOrigins: [],
    demoMode,
    log,
  });

  let ctx: IdpContext;
  try {
    const stored = store.settings.tenant();
    if (stored) {
      ctx = build(stored, new KeyRing(store.signingKeys.all()));
      if (store.settings.kickstartFingerprint() !== kickstartFingerprint(options.kickstart ?? null)) {
        log(`the kickstart changed since ${options.databasePath} was created; it is applied only to a new database (delete it to re-apply)`);
      }
    } else {
      ctx = await initialise(store, options, build);
    }
  } catch (error) {
    store.db.close();
    throw error;
  }
  ctx.allowedOrigins = [...new Set([...(options.allowedOrigins ?? []), ...store.settings.corsOrigins()])];

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });
  const corsHeaders = cors({
    origin: (origin) => origin,
    credentials: true,
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-FusionAuth-TenantId'],
    maxAge: 600,
  });
  // CORS headers only for listed origins; any other origin gets none at all.
  app.use('*', (c, next) => (ctx.allowedOrigins.includes(c.req.header('origin') ?? '') ? corsHeaders(c, next) : next()));
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 64 * 1024,
      onError: (c) =>
        c.req.path.startsWith('/oauth2/')
          ? c.json(new OAuthError(413, 'invalid_request', 'unknown', 'The request body is too large.').toJSON(), 413)
          : c.json({ fieldErrors: {}, generalErrors: [{ code: '[tooLarge]requestBody', message: 'The request body is too large.' }] }, 413),
    }),
  );
  // One tenant: a client pinned to another tenant id is misconfigured, so say so.
  app.use('/api/*', async (c, next) => {
    const tenantId = c.req.header('x-fusionauth-tenantid');
    if (tenantId !== undefined && tenantId.toLowerCase() !== ctx.tenant.id) {
      throw ApiError.field('tenantId', 'invalid', 'The X-FusionAuth-TenantId header names an unknown tenant.');
    }
    await next();
  });

  for (const routes of [loginRoutes, jwtRoutes, userRoutes, applicationRoutes, oauth2AuthorizeRoutes, oauth2TokenRoutes, wellKnownRoutes]) {
    app.route('/', routes(ctx));
  }
  if (demoMode) app.route('/', demoClockRoutes(ctx));
  app.notFound((c) => c.body(null, 404));
  app.onError((error, c) => renderError(error, c, log));

  const purge = setInterval(() => purgeExpired(store, clock.now()), PURGE_INTERVAL_MS);
  purge.unref();

  let server: ServerType | null = null;
  return {
    app,
    context: ctx,
    listen(port = 0, hostname = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => resolve(`http://${hostname}:${info.port}`));
        server.once('error', reject);
      });
    },
    async close() {
      clearInterval(purge);
      if (server) {
        const closing = server;
        await new Promise<void>((resolve) => {
          closing.close(() => resolve());
          if ('closeAllConnections' in closing) closing.closeAllConnections();
        });
      }
      store.db.close();
    },
  };
}
