import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DemoError } from '../protocol.ts';

/** Every host refuses request bodies above `maxBytes` with a 413, whether or not they announce their length. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: `Request bodies are limited to ${Math.round(maxBytes / 1024)} KB.` } satisfies DemoError, 413),
  });
}
