import type { HostRole } from './vocabulary.ts';

const ROLES: readonly HostRole[] = ['docs', 'store', 'forums', 'api', 'idp', 'idp-own-domain'];
const SUBDOMAINS: Record<HostRole, string> = { docs: '', store: 'store.', forums: 'forums.', api: 'api.', idp: 'login.', 'idp-own-domain': 'login.' };

/**
 * Names and origins of the demo's hosts, e.g. store.example.localhost:4400 under the parent domain
 * and login.example-id.localhost:4400 under the identity provider's own domain.
 */
export class DemoHosts {
  readonly domain: string;
  readonly idpDomain: string;
  readonly port: number;

  constructor(domain: string, idpDomain: string, port: number) {
    this.domain = domain;
    this.idpDomain = idpDomain;
    this.port = port;
  }

  /** The Host header a browser sends to reach `role`. */
  host(role: HostRole): string {
    const name = `${SUBDOMAINS[role]}${role === 'idp-own-domain' ? this.idpDomain : this.domain}`;
    return this.port === 80 ? name : `${name}:${this.port}`;
  }

  origin(role: HostRole): string {
    return `http://${this.host(role)}`;
  }

  get origins(): Record<'docs' | 'store' | 'forums' | 'api' | 'idp' | 'idpOwnDomain', string> {
    return {
      docs: this.origin('docs'),
      store: this.origin('store'),
      forums: this.origin('forums'),
      api: this.origin('api'),
      idp: this.origin('idp'),
      idpOwnDomain: this.origin('idp-own-domain'),
    };
  }

  /**
   * Which host a Host header names. `loopback` is localhost or 127.0.0.1 on the demo's port, which
   * redirects to the docs host so articles and framed apps are same-site.
   */
  roleOf(hostHeader: string | undefined): HostRole | 'loopback' | null {
    const host = (hostHeader ?? '').toLowerCase();
    const role = ROLES.find((candidate) => host === this.host(candidate));
    if (role) return role;
    const port = this.port === 80 ? '' : `:${this.port}`;
    return host === `localhost${port}` || host === `127.0.0.1${port}` ? 'loopback' : null;
  }
}
