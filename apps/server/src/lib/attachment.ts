/**
 * A Content-Disposition that saves the answer as a file. A name beyond plain ASCII is also given
 * as RFC 5987 `filename*` (UTF-8, percent-encoded), which browsers prefer; `filename` then holds
 * `asciiName` (or the name with every other character replaced) for clients that know only it.
 */
export function attachment(name: string, asciiName?: string): string {
  const plain = (text: string) => text.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (plain(name) === name) return `attachment; filename="${name}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${plain(asciiName ?? name)}"; filename*=UTF-8''${encoded}`;
}
