/**
 * Redirect addresses a client may register: https; http only to the loopback interface (RFC 8252
 * §7.3, native apps listening on a port of their choice); or a private-use scheme of an installed
 * app (RFC 8252 §7.1, e.g. an editor's `cursor://…`). Schemes a browser would run or read locally
 * are refused.
 */
const REFUSED_SCHEMES = new Set([
  'javascript',
  'data',
  'file',
  'blob',
  'vbscript',
  'about',
  'filesystem',
  'view-source',
  'ws',
  'wss',
  'ftp',
  'mailto',
  'tel',
  'sms',
]);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
export const REDIRECT_URI_MAX = 1000;

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

const isLoopback = (url: URL) => url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);

/** Why the address cannot be registered, or null when it can. */
export function redirectUriProblem(raw: string): string | null {
  if (raw.length > REDIRECT_URI_MAX) return `longer than ${REDIRECT_URI_MAX} characters`;
  const url = parse(raw);
  if (!url) return 'not an absolute URL';
  if (url.hash || raw.includes('#')) return 'has a fragment';
  if (url.username || url.password) return 'carries a user name or password';
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'https') return url.hostname ? null : 'has no host';
  if (scheme === 'http') return isLoopback(url) ? null : 'http is allowed only to localhost, 127.0.0.1 or [::1]';
  if (REFUSED_SCHEMES.has(scheme)) return `the ${scheme}: scheme is not allowed`;
  return null;
}

/**
 * Whether the address given in a request is one the client registered: the same string, or, for
 * a loopback address, the same but for the port (RFC 8252 §7.3).
 */
export function redirectMatches(registered: readonly string[], given: string): boolean {
  if (registered.includes(given)) return true;
  const url = parse(given);
  if (!url || !isLoopback(url)) return false;
  return registered.some((candidate) => {
    const known = parse(candidate);
    if (!known || !isLoopback(known)) return false;
    known.port = url.port;
    return known.href === url.href;
  });
}

/** What the consent page shows as where the answer goes: scheme and host. */
export function redirectHost(uri: string): string {
  const url = parse(uri);
  if (!url) return uri;
  return url.host ? `${url.protocol}//${url.host}` : url.protocol;
}
