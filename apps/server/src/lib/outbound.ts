import { lookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Requests the server makes on a user's behalf (their own AI base URL now; any webhook or
 * connector later) go only to public addresses. A name is resolved once, by the connection
 * itself, and every address it resolves to is checked before connecting, so a second lookup
 * cannot swap in a private address (DNS rebinding). Redirects are not followed.
 */

/** Addresses no user may make the server reach: loopback, private, link-local, CGNAT, multicast, reserved. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // unspecified and loopback
  ['::ffff:0:0', 96], // IPv4-mapped: whatever they map to
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: an IPv4 address in disguise
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address (either family) is one users may not reach. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why an outbound request was refused; said to the operator's log, never to the user in detail. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

/** A URL's host without IPv6 brackets, lower case. */
const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
/** The host and port a URL connects to ("127.0.0.1:11434", "::1:443"). */
const endpoint = (url: URL) => `${bareHost(url)}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;

/**
 * Checks the form of a base URL a user gives: http or https, no user name or password, and no query
 * or fragment (provider APIs take none, and one would let the user steer the path and query).
 */
export function checkBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(`scheme ${url.protocol}`);
  if (url.username || url.password) throw new OutboundRefused('credentials in the URL');
  if (raw.includes('?') || raw.includes('#')) throw new OutboundRefused('query or fragment in the URL');
  return url;
}

export interface OutboundPolicy {
  /**
   * What may be private: the operator's own services, as a host (any port) or an endpoint
   * ("host:port"). See `allowedHosts`.
   */
  allowedPrivateHosts: ReadonlySet<string>;
}

/**
 * Whether a URL names a private address outright (a literal address, or localhost) that the policy
 * does not allow: refused when the setting is saved; names that resolve privately are refused
 * when a request is made.
 */
export function namesPrivateAddress(url: URL, policy: OutboundPolicy): boolean {
  const host = bareHost(url);
  if (policy.allowedPrivateHosts.has(host) || policy.allowedPrivateHosts.has(endpoint(url))) return false;
  return (isIP(host) !== 0 && isPrivateAddress(host)) || host === 'localhost' || host.endsWith('.localhost');
}

/** Refuses any private address a name resolves to, and hands the connection the checked ones. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const found = addresses as unknown as { address: string; family: number }[];
    const refused = found.find((entry) => isPrivateAddress(entry.address));
    if (refused || found.length === 0) {
      return callback(new OutboundRefused(`${hostname} resolves to a private address`), '', 0);
    }
    if ((options as { all?: boolean }).all) return (callback as (e: null, a: typeof found) => void)(null, found);
    callback(null, found[0]!.address, found[0]!.family);
  });
};

/**
 * A fetch for requests made on a user's behalf. Hosts the operator allowed go anywhere; every
 * other request must reach public addresses only, by an address checked as it connects.
 */
export function createOutboundFetch(policy: OutboundPolicy): typeof fetch {
  const publicAgent = new Agent({ connect: { lookup: publicOnlyLookup } });
  const trustedAgent = new Agent();
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(`scheme ${url.protocol}`);
    if (url.username || url.password) throw new OutboundRefused('credentials in the URL');
    const host = bareHost(url);
    const trusted = policy.allowedPrivateHosts.has(host) || policy.allowedPrivateHosts.has(endpoint(url));
    // A literal address is never looked up, so it is checked here.
    if (!trusted && isIP(host) && isPrivateAddress(host)) throw new OutboundRefused(`${host} is a private address`);
    let response;
    try {
      response = await undiciFetch(url, {
        ...(init as object),
        redirect: 'manual',
        dispatcher: trusted ? trustedAgent : publicAgent,
      } as Parameters<typeof undiciFetch>[1]);
    } catch (err) {
      // fetch reports a refused lookup as "fetch failed", which callers would retry as a network error.
      if ((err as { cause?: unknown }).cause instanceof OutboundRefused) throw (err as { cause: unknown }).cause;
      throw err;
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new OutboundRefused(`a redirect (HTTP ${response.status})`);
    }
    return response as unknown as Response;
  }) as typeof fetch;
}

/**
 * The allow-list: the operator's own URLs, each only at its own host and port (an Ollama on
 * localhost:11434 does not open localhost:5432), and the hosts the operator named (any port).
 */
export function allowedHosts(urls: (string | undefined)[], names: string[]): Set<string> {
  const hosts = new Set(
    names
      .map((name) =>
        name
          .trim()
          .toLowerCase()
          .replace(/^\[|\]$/g, ''),
      )
      .filter(Boolean),
  );
  for (const raw of urls) {
    if (!raw) continue;
    try {
      hosts.add(endpoint(new URL(raw)));
    } catch {
      // Not a URL: the configuration check reports it.
    }
  }
  return hosts;
}
