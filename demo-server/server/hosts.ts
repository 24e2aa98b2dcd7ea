import type { Actor } from '../protocol.ts';

/** The hosts of the demo world, all on one port: the docs, the two apps and the identity provider. */
export type HostRole = 'docs' | 'store' | 'forums' | 'idp';
export type AppRole = 'store' | 'forums';

/** Who answers on each host, named as in the diagrams. */
export const ROLE_ACTORS: Record<Exclude<HostRole, 'docs'>, Actor> = { store: 'Store', forums: 'Forums', idp: 'IdP' };

const SUBDOMAINS: Record<HostRole, string> = { docs: '', store: 'store.', forums: 'forums.', idp: 'login.' };

/** Names and origins of the demo's hosts under one parent domain, e.g. store.example.localhost:4400. */
export class DemoHosts {
  readonly domain: string;
  readonly port: number;

  constructor(domain: string, port: number) {
    this.domain = domain;
    this.port = port;
  }

  /** The Host header a browser sends to reach `role`. */
  host(role: HostRole): string {
    return this.port === 80 ? `${SUBDOMAINS[role]}${this.domain}` : `${SUBDOMAINS[role]}${this.domain}:${this.port}`;
  }

  origin(role: HostRole): string {
    return `http://${this.host(role)}`;
  }

  get origins(): { docs: string; store: string; forums: string; idp: string } {
    return { docs: this.origin('docs'), store: this.origin('store'), forums: this.origin('forums'), idp: this.origin('idp') };
  }

  /**
   * Which host a Host header names. `loopback` is localhost or 127.0.0.1 on the demo's port, which
   * redirects to the docs host so articles and framed apps are same-site.
   */
  roleOf(hostHeader: string | undefined): HostRole | 'loopback' | null {
    const host = (hostHeader ?? '').toLowerCase();
    for (const role of Object.keys(SUBDOMAINS) as HostRole[]) {
      if (host === this.host(role)) return role;
    }
    const port = this.port === 80 ? '' : `:${this.port}`;
    return host === `localhost${port}` || host === `127.0.0.1${port}` ? 'loopback' : null;
  }
}
