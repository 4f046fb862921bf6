import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN } from '@career-anchor/contracts';
import { badRequest } from './problem.ts';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (about 9 ms here).
// `algorithm: 2` is Algorithm.Argon2id, a const enum that type stripping cannot inline.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown e-mail cannot be told apart by timing. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-but-the-same-cost');
  await verifyPassword(await dummyHash, password);
}

let common: Promise<Set<string>> | undefined;
/**
 * The common-password list of zxcvbn-ts (about 49,000, already lower case), loaded on first use.
 * Only entries the length rule would let through are kept (about 18,000): measured in a warm
 * server, about 3 MB of heap and 2 MB of RSS.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set(dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase())),
  );
  return common;
}

/**
 * Words that make a password easy to guess here (ASVS 6.1.2, 6.2.11): the product's own name, in
 * both languages. A password whose letters are only one of these, or only the person's own
 * e-mail name or display name, counts as common: "CareerAnchor2026!" and "Anchor#1" are refused.
 */
export const CONTEXT_WORDS = ['career anchor', 'career', 'anchor', '职业锚'];

const lettersOf = (text: string) => text.toLowerCase().replace(/[^\p{L}]/gu, '');

/**
 * Whether a password is on the list of common passwords (compared case-insensitively), or is
 * only a context word or one of `personal` (e-mail, name) dressed up with digits and symbols.
 */
export async function isCommonPassword(password: string, personal: readonly string[] = []): Promise<boolean> {
  if ((await commonPasswords()).has(password.toLowerCase())) return true;
  const letters = lettersOf(password);
  const guessable = [...CONTEXT_WORDS, ...personal.flatMap((p) => [p, p.split('@')[0] ?? ''])].map(lettersOf);
  return guessable.some((word) => word.length >= 3 && letters === word);
}

/** Refuses a common or guessable password as a new one (ASVS 6.2.4, 6.2.11), as a validation problem on `field`. */
export async function assertNotCommonPassword(
  password: string,
  field: 'password' | 'newPassword',
  personal: readonly string[] = [],
): Promise<void> {
  if (await isCommonPassword(password, personal)) {
    throw badRequest('The body has an invalid field.', [
      { path: field, message: 'This password is too common; choose another.' },
    ]);
  }
}
