import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** What every host's handlers receive beside the request: who is asking, as the limits count it. */
export interface ClientEnv {
  Bindings: {
    /** The client's address as a limit key: an IPv4 address, or the /64 network of an IPv6 one. */
    client: string;
  };
}

/**
 * Where requests really come from. The socket's peer is the client, unless it is one of the
 * operator's trusted proxies: then X-Forwarded-For, read from the right, names the first address
 * that is not a trusted proxy (anything to its left may have been written by the client itself).
 * Without trusted proxies the header is ignored, so no client can pose as another by sending it.
 */
export class ClientAddresses {
  readonly #trusted = new BlockList();

  constructor(trustedProxies: readonly string[]) {
    for (const entry of trustedProxies) {
      const [address = '', prefix] = entry.split('/');
      const type = isIPv6(address) ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.#trusted.addAddress(address, type);
      else this.#trusted.addSubnet(address, Number(prefix), type);
    }
  }

  /** Whether this peer is a proxy the operator trusts (its X-Forwarded-* headers are believed). */
  trusts(peer: string | undefined): boolean {
    const address = plain(peer);
    return address !== undefined && this.#trusted.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
  }

  /** The client's address, from the socket's peer and the request's X-Forwarded-For. */
  clientOf(peer: string | undefined, forwardedFor: string | null): string {
    let client = plain(peer) ?? 'unknown';
    if (!this.trusts(client) || !forwardedFor) return client;
    const hops = forwardedFor.split(',').map((hop) => plain(hop.trim())).reverse();
    for (const hop of hops) {
      // A malformed entry ends the chain: what lies beyond it cannot be told apart from a forgery.
      if (hop === undefined) return client;
      client = hop;
      if (!this.trusts(hop)) return hop;
    }
    return client;
  }
}

/** An address without an IPv4-mapped IPv6 prefix, or undefined when it is not an IP address. */
function plain(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const unmapped = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIPv4(unmapped) || isIPv6(unmapped) ? unmapped : undefined;
}

/**
 * The key limits count under: an IPv4 address as it is; an IPv6 address by its /64 network, since
 * one host usually holds a whole /64 and can pick any address in it.
 */
export function clientKey(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
