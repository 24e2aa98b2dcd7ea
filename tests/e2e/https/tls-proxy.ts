/**
 * A TLS-terminating reverse proxy, as a public deployment puts in front of the demo server: it holds
 * the certificate, speaks plain HTTP to the server, keeps the Host header, and says where the request
 * came from (X-Forwarded-For) and how (X-Forwarded-Proto: https).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsCertificate {
  key: Buffer;
  cert: Buffer;
}

/**
 * A self-signed certificate for `names`, made by the openssl command (Debian's openssl package, and
 * every macOS), valid for a day. Chromium is told to accept it (Playwright's ignoreHTTPSErrors).
 */
export function selfSignedCertificate(names: readonly string[]): TlsCertificate {
  const folder = mkdtempSync(join(tmpdir(), 'demo-tls-'));
  try {
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-keyout', key, '-out', cert,
        '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch (error) {
    throw new Error(`Could not make a test certificate with openssl (Debian: apt-get install openssl): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Hop-by-hop headers belong to one connection, not to the request or answer passed on.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/** Listens with TLS on `listen`, forwarding every request to the plain-HTTP server at `target`. */
export async function startTlsProxy(options: {
  certificate: TlsCertificate;
  listen: { host: string; port: number };
  target: { host: string; port: number };
}): Promise<{ close(): Promise<void> }> {
  const server = createServer(options.certificate, (incoming, outgoing) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    const peer = incoming.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = incoming.headers['x-forwarded-for'] ? `${String(incoming.headers['x-forwarded-for'])}, ${peer}` : peer;
    headers['x-forwarded-proto'] = 'https';
    const upstream = request({ ...options.target, method: incoming.method, path: incoming.url, headers }, (answer) => {
      const kept: string[] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase())) kept.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
      }
      outgoing.writeHead(answer.statusCode ?? 502, kept);
      // Event streams must pass at once, not when a buffer fills.
      outgoing.flushHeaders();
      answer.pipe(outgoing);
    });
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end('The demo server could not be reached.');
      else outgoing.destroy();
    });
    outgoing.on('close', () => upstream.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => resolve());
  });
  return {
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
