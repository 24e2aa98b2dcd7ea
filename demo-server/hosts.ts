import type { HostRole } from './vocabulary.ts';

const ROLES: readonly HostRole[] = ['docs', 'store', 'forums', 'api', 'idp', 'idp-own-domain'];
const SUBDOMAINS: Record<HostRole, string> = { docs: '', store: 'store.', forums: 'forums.', api: 'api.', idp: 'login.', 'idp-own-domain': 'login.' };
const DEFAULT_PORTS = { http: 80, https: 443 } as const;

/**
 * Names and origins of the demo's hosts as readers reach them, e.g. store.example.localhost:4400
 * under the parent domain and login.example-id.localhost:4400 under the identity provider's own
 * domain; behind a TLS-terminating proxy, https://store.demo.example.org.
 */
export class DemoHosts {
  readonly domain: string;
  readonly idpDomain: string;
  /** The public port: the server's own, or its proxy's. */
  readonly port: number;
  readonly scheme: 'http' | 'https';

  constructor(domain: string, idpDomain: string, port: number, scheme: 'http' | 'https' = 'http') {
    this.domain = domain;
    this.idpDomain = idpDomain;
    this.port = port;
    this.scheme = scheme;
  }

  /** Readers reach every host over https: cookies are Secure and HSTS is sent. */
  get secure(): boolean {
    return this.scheme === 'https';
  }

  /** The Host header a browser sends to reach `role`. */
  host(role: HostRole): string {
    const name = `${SUBDOMAINS[role]}${role === 'idp-own-domain' ? this.idpDomain : this.domain}`;
    return `${name}${this.#portSuffix}`;
  }

  origin(role: HostRole): string {
    return `${this.scheme}://${this.host(role)}`;
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
    return host === `localhost${this.#portSuffix}` || host === `127.0.0.1${this.#portSuffix}` ? 'loopback' : null;
  }

  get #portSuffix(): string {
    return this.port === DEFAULT_PORTS[this.scheme] ? '' : `:${this.port}`;
  }
}
