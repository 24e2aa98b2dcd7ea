import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { demoServerOptionsFromEnv, type ClientLimits, type DemoLimits, type DemoServerOptions } from '../../../demo-server/config.ts';
import type { Actor, Exchange, RunEvent, RunSnapshot } from '../../../demo-server/protocol.ts';
import { startDemoServer } from '../../../demo-server/server/demo-server.ts';
import { startDemoWorld, type DemoWorld } from '../../../demo-server/world.ts';

// Real processes over real HTTP on 127.0.0.1: the embedded IdP as a child process and the demo
// server, both on free ports. A small cookie-jar client plays the reader's browser, sending the
// Host headers a browser would (Node cannot resolve *.localhost itself).

export const WEBAPP = 'webapp/native-form-to-backend-jwt-refresh-cookies';
export const SPA = 'spa/native-form-to-idp-same-domain-jwt-refresh-cookies';
/** The Store's and the Forums' application ids in demo-server/kickstart.json. */
export const STORE_APP_ID = 'd41b5bf4-b9fd-4b33-bfe0-2d4c7400cb76';
export const FORUMS_APP_ID = '6ef9a989-272e-4ea8-a54c-9bddd48aacc5';

export interface TestWorld extends DemoWorld {
  origins: RunSnapshot['origins'];
}

/** The origins of every host of a demo server on `port`, as a browser addresses them. */
export const originsFor = (port: number): RunSnapshot['origins'] => {
  const origin = (prefix: string, domain = 'example.localhost') => `http://${prefix}${domain}:${port}`;
  return { docs: origin(''), store: origin('store.'), forums: origin('forums.'), api: origin('api.'), idp: origin('login.'), idpOwnDomain: origin('login.', 'example-id.localhost') };
};

const { FUSIONAUTH_URL: _ignored, ...inheritedEnv } = process.env;

/** Server settings for a test; limits not given keep their defaults. */
export type ServerOverrides = Omit<Partial<DemoServerOptions>, 'limits'> & { limits?: Partial<DemoLimits> };

/**
 * Every simulated reader of a test comes from 127.0.0.1, so the per-address limits a public server
 * needs would stop the tests that are about something else; the tests of those limits set their own.
 */
export const ONE_ADDRESS_MANY_READERS: ClientLimits = { maxRuns: 1000, runStartsPerMinute: 10_000, loginsPerMinute: 10_000, attacksPerMinute: 10_000 };

function withLimits(server: ServerOverrides): Partial<DemoServerOptions> {
  return { log: () => {}, ...server, limits: { ...demoServerOptionsFromEnv({}).limits, perClient: ONE_ADDRESS_MANY_READERS, ...server.limits } };
}

/** The embedded IdP (child process, temporary data) and a demo server, on free ports. */
export async function startWorld(server: ServerOverrides = {}): Promise<TestWorld> {
  const world = await startDemoWorld({ withIdp: true, env: { ...inheritedEnv, PORT: '0', IDP_PORT: '0' }, server: withLimits(server) });
  return { ...world, origins: originsFor(world.port) };
}

/** One more demo server in front of `world`'s identity provider (other limits, or `env` such as FUSIONAUTH_URL). */
export async function startServerBeside(world: TestWorld, server: ServerOverrides, env: Record<string, string> = {}): Promise<TestWorld> {
  const idpPort = new URL(world.idpUrl).port;
  const options = { ...demoServerOptionsFromEnv({ ...inheritedEnv, PORT: '0', IDP_PORT: idpPort, ...env }), ...withLimits(server) };
  const started = await startDemoServer(options);
  return { url: started.url, port: started.port, idpUrl: world.idpUrl, stop: () => started.close(), origins: originsFor(started.port) };
}

export interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  setCookies: string[];
  body: string;
  json<T = unknown>(): T;
}

interface StoredCookie {
  name: string;
  value: string;
  /** The host it came from, or the Domain attribute's value. */
  domain: string;
  hostOnly: boolean;
  path: string;
}

export interface RequestOptions {
  form?: Record<string, string>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  /** The Origin header a browser would add (its page's origin). */
  origin?: string;
  /** Send no cookies from the jar (a client with no cookie jar). */
  withoutCookies?: boolean;
}

/**
 * Plain HTTP to the demo server on loopback with the Host of `url`, from `localAddress` (another
 * loopback address, 127.0.0.2…, is another client to the server).
 */
export function send(port: number, method: string, url: string, headers: Record<string, string>, body?: string, localAddress?: string): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, localAddress, method, path: target.pathname + target.search, headers: { host: target.host, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            setCookies: response.headers['set-cookie'] ?? [],
            body: text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The reader's browser: a cookie jar that honours Domain, host-only, Path and expiry like Chromium. */
export class Browser {
  readonly world: TestWorld;
  /** The loopback address it connects from (127.0.0.1 when undefined): its client address to the server. */
  readonly localAddress: string | undefined;
  jar: StoredCookie[] = [];

  constructor(world: TestWorld, localAddress?: string) {
    this.world = world;
    this.localAddress = localAddress;
  }

  cookiesFor(url: string): Record<string, string> {
    const { hostname, pathname } = new URL(url);
    const matching = this.jar.filter(
      (cookie) =>
        (cookie.hostOnly ? hostname === cookie.domain : hostname === cookie.domain || hostname.endsWith(`.${cookie.domain}`)) &&
        (pathname === cookie.path || pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`)),
    );
    return Object.fromEntries(matching.map((cookie) => [cookie.name, cookie.value]));
  }

  /** A stored cookie's value, wherever it is scoped. */
  cookie(name: string, domain?: string): StoredCookie | undefined {
    return this.jar.find((cookie) => cookie.name === name && (domain === undefined || cookie.domain === domain));
  }

  store(url: string, setCookie: string): void {
    const { hostname } = new URL(url);
    const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
    const equals = pair.indexOf('=');
    const cookie: StoredCookie = { name: pair.slice(0, equals), value: pair.slice(equals + 1), domain: hostname, hostOnly: true, path: '/' };
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', value = ''] = attribute.split('=');
      const name = key.toLowerCase();
      if (name === 'domain') {
        const domain = value.replace(/^\./, '').toLowerCase();
        assert.ok(hostname === domain || hostname.endsWith(`.${domain}`), `${hostname} may not set a cookie for ${domain}`);
        cookie.domain = domain;
        cookie.hostOnly = false;
      } else if (name === 'path') cookie.path = value;
      else if (name === 'max-age' && Number(value) <= 0) expired = true;
      else if (name === 'expires' && Date.parse(value) <= Date.now()) expired = true;
    }
    this.jar = this.jar.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path && c.hostOnly === cookie.hostOnly));
    if (!expired) this.jar.push(cookie);
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const cookies = options.withoutCookies ? {} : this.cookiesFor(url);
    if (Object.keys(cookies).length > 0) headers['cookie'] = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    if (options.origin) headers['origin'] = options.origin;
    let body = options.body;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const answer = await send(this.world.port, method, url, headers, body, this.localAddress);
    for (const setCookie of answer.setCookies) this.store(url, setCookie);
    return answer;
  }

  get(url: string, options?: RequestOptions): Promise<Answer> {
    return this.request('GET', url, options);
  }

  post(url: string, options?: RequestOptions): Promise<Answer> {
    return this.request('POST', url, options);
  }

  /** The panel's calls: JSON, from the docs origin. */
  demo(method: string, path: string, json?: unknown): Promise<Answer> {
    return this.request(method, `${this.world.origins.docs}/__demo${path}`, { origin: this.world.origins.docs, ...(json === undefined ? {} : { json }) });
  }

  async startRun(workflow: string): Promise<RunSnapshot> {
    const answer = await this.demo('POST', '/runs', { workflow });
    assert.equal(answer.status, 201, answer.body);
    return answer.json<RunSnapshot>();
  }

  /** Logs in through the app's own form (server-rendered apps), as a reader would. */
  async logInToServerApp(origin: string, user: { email: string; password: string }): Promise<Answer> {
    const form = await this.get(`${origin}/login`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(csrf, 'the login form carries a CSRF token');
    return this.post(`${origin}/login`, { origin, form: { csrf, loginId: user.email, password: user.password } });
  }

  /** What the SPA's script sends to the login host: credentialed, from the app's origin. */
  logInToIdp(appOrigin: string, user: { email: string; password: string }, applicationId: string): Promise<Answer> {
    return this.post(`${this.world.origins.idp}/api/login`, {
      origin: appOrigin,
      json: { loginId: user.email, password: user.password, applicationId },
    });
  }

  async openEvents(): Promise<EventStream> {
    return EventStream.open(this);
  }
}

/** The run's server-sent events, as the article's panel receives them. */
export class EventStream {
  readonly events: RunEvent[] = [];
  #waiters: (() => void)[] = [];
  #close: () => void = () => {};

  static open(browser: Browser): Promise<EventStream> {
    const stream = new EventStream();
    const url = `${browser.world.origins.docs}/__demo/run/events`;
    const cookies = browser.cookiesFor(url);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port: browser.world.port,
          localAddress: browser.localAddress,
          path: '/__demo/run/events',
          headers: { host: new URL(url).host, cookie: Object.entries(cookies).map(([n, v]) => `${n}=${v}`).join('; '), accept: 'text/event-stream' },
        },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            reject(Object.assign(new Error(`events: HTTP ${response.statusCode}`), { statusCode: response.statusCode }));
            return;
          }
          let buffer = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
              if (data) stream.#push(JSON.parse(data) as RunEvent);
            }
          });
          stream.#close = () => response.destroy();
          resolve(stream);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  #push(event: RunEvent): void {
    this.events.push(event);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async waitFor(predicate: (event: RunEvent) => boolean, timeoutMs = 5000): Promise<RunEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`no matching event within ${timeoutMs} ms; got ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until `count` exchanges have completed. */
  async completed(count: number): Promise<Exchange[]> {
    await this.waitFor(() => this.responses().length >= count);
    return this.responses();
  }

  /**
   * Waits until every exchange that started has completed and no event came for a moment (the
   * HTTP answer can reach the test before the event stream does), then returns how many completed.
   */
  async quiet(): Promise<number> {
    for (;;) {
      const seen = this.events.length;
      const started = this.events.filter((event) => event.type === 'request').length;
      if (this.responses().length === started) {
        await new Promise((resolve) => setTimeout(resolve, 60));
        if (this.events.length === seen) return this.responses().length;
      } else {
        await this.waitFor(() => this.events.length > seen);
      }
    }
  }

  responses(): Exchange[] {
    return this.events.flatMap((event) => (event.type === 'response' ? [event.exchange] : []));
  }

  close(): void {
    this.#close();
  }
}

/** One exchange as a line: `Browser→Store POST /login 302`, for comparing traces with the diagram. */
export function arrow(exchange: Exchange): string {
  const path = new URL(exchange.url).pathname;
  return `${exchange.from}→${exchange.to} ${exchange.method} ${path} ${exchange.response?.status ?? exchange.error ?? '…'}`;
}

/** The `request` and `response` events, as `request #1`, `response #1`…, to check their order. */
export function eventOrder(events: RunEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'request' || event.type === 'response' ? [`${event.type} #${event.exchange.id}`] : []));
}

export function exchangesFrom(exchanges: Exchange[], from: Actor): Exchange[] {
  return exchanges.filter((exchange) => exchange.from === from);
}
