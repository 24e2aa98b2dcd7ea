import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const ASSET_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const CONTENT_TYPES: Record<string, string> = {
  'frame.js': 'text/javascript; charset=utf-8',
  'spa.js': 'text/javascript; charset=utf-8',
  'browser-client.js': 'text/javascript; charset=utf-8',
  'injected-script.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** The apps' scripts and stylesheet, under /_assets/ on every app host (never traced). */
export function assetRoutes(): Hono {
  const files = new Map(Object.keys(CONTENT_TYPES).map((name) => [name, readFileSync(join(ASSET_DIR, name), 'utf8')]));
  const routes = new Hono();
  routes.get('/_assets/:name', (c) => {
    const name = c.req.param('name');
    const body = files.get(name);
    if (body === undefined) return c.body(null, 404);
    return c.body(body, 200, { 'Content-Type': CONTENT_TYPES[name] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  });
  return routes;
}
