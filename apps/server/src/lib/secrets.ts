import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for cookies and tokens: 256 bits, URL-safe. */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Bearer secrets are random and long, so one fast hash is enough to keep them useless if leaked. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
