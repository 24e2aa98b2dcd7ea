import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * CSP source expressions ('sha256-…') for every inline script of the built site, so the docs can
 * be served with a script-src that allows exactly those scripts and no other inline code.
 */
export function inlineScriptHashes(distDir: string): string[] {
  const hashes = new Set<string>();
  if (!existsSync(distDir)) return [];
  for (const file of readdirSync(distDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.html')) continue;
    for (const [, body] of readFileSync(join(distDir, file), 'utf8').matchAll(INLINE_SCRIPT)) {
      if (body!.trim()) hashes.add(`'sha256-${createHash('sha256').update(body!).digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}
