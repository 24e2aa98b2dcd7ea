import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { limitBody } from './body-limit.ts';
import type { DemoHosts } from '../hosts.ts';
import type { ClientEnv } from './client-address.ts';
import { inlineScriptHashes } from './inline-script-hashes.ts';
import { docsContentSecurityPolicy, securityHeaders } from './security.ts';

export interface DocsHostOptions {
  hosts: DemoHosts;
  distDir: string;
  maxBodyBytes: number;
  /** The panel's API, mounted at /__demo. */
  demoApi: Hono<ClientEnv>;
}

/** The built docs site, plus the live panel's API under /__demo/. */
export function docsHost(options: DocsHostOptions): Hono<ClientEnv> {
  const docs = new Hono<ClientEnv>();
  docs.use(securityHeaders(docsContentSecurityPolicy(options.hosts, inlineScriptHashes(options.distDir))));
  docs.use(limitBody(options.maxBodyBytes));
  docs.route('/__demo', options.demoApi);
  docs.use(serveStatic({ root: options.distDir }));
  docs.notFound(async (c) => {
    try {
      return c.html(await readFile(join(options.distDir, '404.html'), 'utf8'), 404);
    } catch {
      return c.text('Not found. (The docs site is not built: run `npm run build`.)', 404);
    }
  });
  return docs;
}
