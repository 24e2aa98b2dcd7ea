import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppProfile } from '../apps/app-profiles.ts';
import { SESSION_TIMEOUTS } from '../apps/session-store.ts';
import { hackerFor } from '../hacker/hacker-client.ts';
import { AttackNotPossible, runAttack } from '../hacker/run-attack.ts';
import type { DemoHosts } from '../hosts.ts';
import type { IdpConnection } from '../idp-connection.ts';
import type { AttackKind, ClockJump, DemoError, DemoStatus, RunEvent, RunSnapshot } from '../protocol.ts';
import { expireRunCookie, runIdFromCookie, setRunCookie } from '../runs/run-cookie.ts';
import { RunLimitError, type RunRegistry } from '../runs/run-registry.ts';
import type { Workflow } from '../workflows/workflow.ts';
import type { ClientEnv } from './client-address.ts';
import { tooManyRequests, type ClientRateLimits } from './client-rate-limits.ts';
import { refuseCrossSite } from './security.ts';

export interface DemoApiOptions {
  hosts: DemoHosts;
  registry: RunRegistry<Workflow>;
  workflows: ReadonlyMap<string, Workflow>;
  connection: IdpConnection;
  lifetimes: RunSnapshot['lifetimes'];
  store: AppProfile;
  /** Where the hacker's client reaches this server. */
  serverAddress: { host: string; port: number };
  maxStreamsPerRun: number;
  /** Run starts and attacks per client address. */
  rateLimits: ClientRateLimits;
  log: (line: string) => void;
}

export const CLOCK_UNAVAILABLE =
  'A real FusionAuth keeps its own time, so the demo cannot make its tokens expire early: they expire on their own schedule.';

const startRunRequest = z.object({ workflow: z.string().max(200) });
const endReason = z.enum(['reset', 'closed', 'replaced']).default('reset');
const clockRequest = z.object({ jump: z.enum(['jwt-expires', 'refresh-token-expires', 'session-expires']) });
// A record, so a new kind of attack in protocol.ts cannot be forgotten here.
const ATTACK_KINDS: Record<AttackKind, true> = {
  'stolen-refresh-token': true, 'stolen-jwt': true, 'stolen-session': true, 'code-replay': true, 'stolen-code': true, 'login-csrf': true, 'foreign-redirect-uri': true,
  'xss-steal': true, 'xss-persist': true, 'xss-acquire': true, 'xss-proxy': true,
};
const token = z.string().min(1).max(4096);
const attackRequest = z.object({
  attack: z.enum(Object.keys(ATTACK_KINDS) as [AttackKind, ...AttackKind[]]),
  loot: z
    .object({ tokens: z.array(token).max(10), refreshTokens: z.array(token).max(10), data: z.string().max(4096).optional(), notes: z.array(z.string().max(500)).max(5).optional() })
    .optional(),
});

/** How far a jump moves the clock: one second past the lifetime, the same as waiting that long. */
function jumpSeconds(jump: ClockJump, lifetimes: RunSnapshot['lifetimes']): number {
  const lifetime = { 'jwt-expires': lifetimes.jwtSeconds, 'refresh-token-expires': lifetimes.refreshTokenSeconds, 'session-expires': SESSION_TIMEOUTS.idleSeconds };
  return lifetime[jump] + 1;
}

const HEARTBEAT_MS = 15_000;

const fail = (c: Context, status: ContentfulStatusCode, error: string) => c.json({ error } satisfies DemoError, status);

/** Every run in the way is in use: the caller's own share (429) or the whole server (503), with when to try again. */
function noRoom(c: Context, error: RunLimitError): Response {
  const seconds = error.retryAfterSeconds;
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  c.header('Retry-After', String(seconds));
  return error.scope === 'client'
    ? fail(c, 429, `Your network address already has ${error.limit} live demo runs, all in use: close the lab in another browser, or try again in ${wait}.`)
    : fail(c, 503, `The demo server is full: all ${error.limit} demo runs are in use. Try again in ${wait}.`);
}

async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T> | Response> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return fail(c, 400, 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : fail(c, 400, `Invalid request: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
}

/**
 * The article panel's API on the docs host (see protocol.ts). Everything acts on the run named by
 * the caller's own HttpOnly cookie; state-changing calls must come from the docs origin as JSON.
 */
export function demoApi(options: DemoApiOptions): Hono<ClientEnv> {
  const { hosts, registry, workflows, connection, lifetimes, rateLimits, log } = options;
  const api = new Hono<ClientEnv>();
  const currentRun = (c: Context) => registry.find(runIdFromCookie(c));

  api.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.use(refuseCrossSite([hosts.origin('docs')], (c) => fail(c, 403, 'Demo controls accept requests from the docs site only.'), { requireOrigin: true }));
  api.use(async (c, next) => {
    if (c.req.method === 'POST' && !/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      return fail(c, 415, 'Demo controls accept JSON only.');
    }
    return next();
  });

  api.get('/status.json', (c) =>
    c.json({
      identityProvider: connection.isEmbedded ? 'embedded' : 'fusionauth',
      workflows: [...workflows.keys()],
      appOrigins: [hosts.origin('store'), hosts.origin('forums')],
    } satisfies DemoStatus),
  );

  api.post('/runs', async (c) => {
    const request = await readJson(c, startRunRequest);
    if (request instanceof Response) return request;
    const workflow = workflows.get(request.workflow);
    if (!workflow) return fail(c, 400, `There is no live demo for "${request.workflow}".`);
    const refusal = await rateLimits.take('run-start', c.env.client);
    if (refusal) return tooManyRequests(c, refusal);
    const previous = currentRun(c);
    if (previous) await registry.end(previous, 'replaced');
    try {
      const run = await registry.create(workflow, c.env.client);
      setRunCookie(c, hosts.domain, run.id);
      return c.json(run.snapshot(), 201);
    } catch (error) {
      if (error instanceof RunLimitError) return noRoom(c, error);
      log(`could not start a run: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
      return fail(c, 502, 'The identity provider could not create a user for this run.');
    }
  });

  // A second tab of the same article joins the run its browser already has (the tabs share its cookies).
  api.get('/run', (c) => {
    const run = currentRun(c);
    return run ? c.json(run.snapshot()) : fail(c, 404, 'No demo run: start one first.');
  });

  // Clear-Site-Data wipes every cookie of the site (the apps' token cookies included), so the next
  // run starts from a clean browser; the run cookie is also expired explicitly. The panel then clears
  // each app host's storage through its /__demo/clear. The reason tells other tabs why their run ended.
  api.delete('/run', async (c) => {
    const reason = endReason.safeParse(c.req.query('reason'));
    if (!reason.success) return fail(c, 400, 'The reason to end a run is reset, closed or replaced.');
    const run = currentRun(c);
    if (run) await registry.end(run, reason.data);
    expireRunCookie(c, hosts.domain);
    c.header('Clear-Site-Data', '"cookies"');
    return c.body(null, 204);
  });

  api.get('/run/events', (c) => {
    const run = currentRun(c);
    if (!run) return fail(c, 404, 'No demo run: start one first.');
    if (run.subscriberCount >= options.maxStreamsPerRun) return fail(c, 429, 'Too many event streams are open for this run.');
    return streamSSE(c, async (stream) => {
      // Writes are chained so events leave in the order they happened.
      let writing = Promise.resolve();
      const write = (chunk: () => Promise<void>) => {
        writing = writing.then(chunk).catch(() => {});
      };
      const send = (event: RunEvent) => {
        const data = JSON.stringify(event);
        write(() => stream.writeSSE({ event: event.type, data }));
      };
      let finish = () => {};
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      send({ type: 'snapshot', run: run.snapshot() });
      const unsubscribe = run.subscribe((event) => {
        send(event);
        if (event.type === 'ended') finish();
      });
      const heartbeat = setInterval(() => write(() => stream.write(': keep-alive\n\n').then(() => {})), HEARTBEAT_MS);
      stream.onAbort(finish);
      await finished;
      clearInterval(heartbeat);
      unsubscribe();
      await writing;
    });
  });

  api.post('/run/clock', async (c) => {
    const run = currentRun(c);
    if (!run) return fail(c, 404, 'No demo run: start one first.');
    const request = await readJson(c, clockRequest);
    if (request instanceof Response) return request;
    if (!run.workflow.jumps.includes(request.jump)) return fail(c, 409, 'This workflow has no such clock jump.');
    if (!connection.isEmbedded) return fail(c, 409, CLOCK_UNAVAILABLE);
    // On this run's user only: the identity provider and the apps read the same offset.
    const offset = await connection.advanceClock(run.user.id, jumpSeconds(request.jump, lifetimes));
    return c.json(run.moveClock(request.jump, offset));
  });

  api.post('/run/attack', async (c) => {
    const run = currentRun(c);
    if (!run) return fail(c, 404, 'No demo run: start one first.');
    const request = await readJson(c, attackRequest);
    if (request instanceof Response) return request;
    const refusal = await rateLimits.take('attack', c.env.client);
    if (refusal) return tooManyRequests(c, refusal);
    try {
      const setting = { hacker: hackerFor(run, hosts, options.serverAddress), store: options.store, hosts, hackerAccount: connection.hacker, browserClientId: connection.storeBrowserApp.id };
      return c.json(await runAttack(run, request.attack, setting, request.loot));
    } catch (error) {
      if (error instanceof AttackNotPossible) return fail(c, 409, error.message);
      throw error;
    }
  });

  // Mounted under the docs host, whose own not-found page would answer otherwise.
  api.all('*', (c) => fail(c, 404, 'No such demo route.'));
  api.onError((error, c) => {
    log(`demo API error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return fail(c, 500, 'The demo server hit an unexpected error.');
  });
  return api;
}
