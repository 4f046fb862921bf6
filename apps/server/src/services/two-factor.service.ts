import { randomBytes } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { and, count, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Db } from '../db/client.ts';
import { loginChallenges, passkeys, recoveryCodes, userTotp, users } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { hashPassword, verifyPassword } from '../lib/passwords.ts';
import { HttpProblem, conflict, notFound } from '../lib/problem.ts';
import type { Sealer } from '../lib/sealing.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import type { SecurityLog } from './security.service.ts';

const STEP_MS = 30_000;
const DIGITS = 6;
const RECOVERY_CODES = 10;
const CHALLENGE_MS = 5 * 60_000;
const CHALLENGE_ATTEMPTS = 5;

const badCode = () =>
  new HttpProblem(400, 'Invalid code', {
    detail: 'That code is not right, or was used already.',
    type: '/problems/invalid-code',
  });
const noChallenge = () =>
  new HttpProblem(401, 'Unauthorized', {
    detail: 'The sign-in timed out or had too many tries. Sign in again.',
    type: '/problems/challenge-expired',
  });

/** Formats 10 random base32 characters as xxxxx-xxxxx, easy to read out and type. */
function newRecoveryCode(): string {
  const raw = encodeBase32UpperCaseNoPadding(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}
const normaliseCode = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
/** Codes issued before they were salted are unsalted SHA-256 hashes; they still work until used or renewed. */
const recoveryCodeMatches = (stored: string, given: string) =>
  stored.startsWith('$argon2') ? verifyPassword(stored, given) : Promise.resolve(stored === sha256(given));

/**
 * Two-factor sign-in: an authenticator app (TOTP, RFC 6238) with ten single-use recovery codes,
 * and the half-done sign-in that waits for the second factor.
 */
export function createTwoFactorService(deps: {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  log: SecurityLog;
  /** REQUIRE_TWO_FACTOR: it cannot be turned off. */
  required: boolean;
}) {
  const { db, clock, sealer, log, required } = deps;

  /** Accepts a code of this step or its neighbours (clock drift), each step once. */
  async function useTotp(userId: string, code: string): Promise<boolean> {
    const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
    if (!row || !/^\d{6}$/.test(code.trim())) return false;
    const key = Buffer.from(sealer.open(row.secretEncrypted), 'base64');
    const now = Math.floor(clock.now().getTime() / STEP_MS);
    for (const step of [now, now - 1, now + 1]) {
      if (generateHOTP(key, BigInt(step), DIGITS) !== code.trim()) continue;
      const [claimed] = await db
        .update(userTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastUsedStep), sql`${userTotp.lastUsedStep} < ${step}`)))
        .returning({ userId: userTotp.userId });
      return Boolean(claimed);
    }
    return false;
  }

  /**
   * A recovery code holds 50 random bits, too few for a plain hash (ASVS 6.5.2), so each is
   * stored as a salted argon2id hash and a code is checked against the unused ones in turn.
   * The update claims the row only while it is unused, so one code cannot be spent twice at once.
   */
  async function useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const given = normaliseCode(code);
    if (!/^[a-z2-7]{10}$/.test(given)) return false;
    const unused = await db
      .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    for (const row of unused) {
      if (!(await recoveryCodeMatches(row.codeHash, given))) continue;
      const [used] = await db
        .update(recoveryCodes)
        .set({ usedAt: clock.now() })
        .where(and(eq(recoveryCodes.id, row.id), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return Boolean(used);
    }
    return false;
  }

  async function newRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((code) => hashPassword(normaliseCode(code))));
    await db.transaction(async (tx) => {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: clock.now() })));
    });
    return codes;
  }

  async function enabled(userId: string) {
    const [row] = await db
      .select({ id: userTotp.userId })
      .from(userTotp)
      .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt)));
    return Boolean(row);
  }

  return {
    enabled,
    useTotp,

    async status(actor: Actor) {
      const [totp] = await db.select({ enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, actor.userId));
      const [codes] = await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, actor.userId), isNull(recoveryCodes.usedAt)));
      const [keys] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, actor.userId));
      return { totp: Boolean(totp?.enabledAt), recoveryCodesLeft: totp?.enabledAt ? (codes?.n ?? 0) : 0, passkeys: keys?.n ?? 0 };
    },

    /** A new secret to scan; it takes effect once a first code from it is confirmed. */
    async beginTotp(actor: Actor) {
      if (await enabled(actor.userId)) throw conflict('Two-factor sign-in is already on.');
      const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
      if (!user) throw notFound('Account');
      const key = randomBytes(20);
      await db
        .insert(userTotp)
        .values({ userId: actor.userId, secretEncrypted: sealer.seal(key.toString('base64')), createdAt: clock.now() })
        .onConflictDoUpdate({
          target: userTotp.userId,
          set: { secretEncrypted: sealer.seal(key.toString('base64')), enabledAt: null, lastUsedStep: null },
        });
      const uri = createTOTPKeyURI('Career Anchor', user.email, key, STEP_MS / 1000, DIGITS);
      return {
        secret: encodeBase32UpperCaseNoPadding(key),
        otpauthUrl: uri,
        qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }),
      };
    },

    async enableTotp(actor: Actor, code: string, meta: RequestMeta) {
      const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, actor.userId));
      if (!row || row.enabledAt) throw conflict('Start the set-up first.');
      if (!(await useTotp(actor.userId, code))) throw badCode();
      await db.update(userTotp).set({ enabledAt: clock.now() }).where(eq(userTotp.userId, actor.userId));
      const codes = await newRecoveryCodes(actor.userId);
      await log(actor.userId, 'two_factor_enabled', meta);
      return { recoveryCodes: codes };
    },

    /** Turning it off needs the password, or a code from the app or a recovery code. */
    async disable(actor: Actor, proof: { password?: string | undefined; code?: string | undefined }, meta: RequestMeta) {
      if (!(await enabled(actor.userId))) throw conflict('Two-factor sign-in is off.');
      if (required) {
        throw new HttpProblem(403, 'Forbidden', {
          detail: 'This server requires two-factor sign-in, so it cannot be turned off.',
          type: '/problems/two-factor-required',
        });
      }
      const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
      const ok =
        (proof.password && user?.hash && (await verifyPassword(user.hash, proof.password))) ||
        (proof.code && ((await useTotp(actor.userId, proof.code)) || (await useRecoveryCode(actor.userId, proof.code))));
      if (!ok)
        throw new HttpProblem(403, 'Forbidden', {
          detail: 'Confirm with your password or a code.',
          type: '/problems/wrong-password',
        });
      await db.delete(userTotp).where(eq(userTotp.userId, actor.userId));
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
      await log(actor.userId, 'two_factor_disabled', meta);
    },

    async regenerateRecoveryCodes(actor: Actor, code: string, meta: RequestMeta) {
      if (!(await enabled(actor.userId))) throw conflict('Two-factor sign-in is off.');
      if (!(await useTotp(actor.userId, code))) throw badCode();
      const codes = await newRecoveryCodes(actor.userId);
      await log(actor.userId, 'recovery_codes_renewed', meta);
      return { recoveryCodes: codes };
    },

    /** The password was right: a short-lived challenge now waits for the second factor. */
    async startChallenge(userId: string) {
      const token = randomSecret();
      const expiresAt = new Date(clock.now().getTime() + CHALLENGE_MS);
      await db.insert(loginChallenges).values({ userId, tokenHash: sha256(token), expiresAt, createdAt: clock.now() });
      return { token, expiresAt };
    },

    /** The user whose sign-in this challenge belongs to, counting an attempt; null when expired or used up. */
    async challengeUser(token: string): Promise<string | null> {
      const [row] = await db
        .update(loginChallenges)
        .set({ attempts: sql`${loginChallenges.attempts} + 1` })
        .where(
          and(
            eq(loginChallenges.tokenHash, sha256(token)),
            gt(loginChallenges.expiresAt, clock.now()),
            sql`${loginChallenges.attempts} < ${CHALLENGE_ATTEMPTS}`,
          ),
        )
        .returning({ userId: loginChallenges.userId });
      return row?.userId ?? null;
    },

    /** Completes a sign-in with a code from the app or a recovery code. */
    async completeWithCode(
      token: string,
      proof: { code?: string | undefined; recoveryCode?: string | undefined },
    ): Promise<string> {
      const userId = await this.challengeUser(token);
      if (!userId) throw noChallenge();
      const ok = proof.code
        ? await useTotp(userId, proof.code)
        : proof.recoveryCode
          ? await useRecoveryCode(userId, proof.recoveryCode)
          : false;
      if (!ok) throw badCode();
      await db.delete(loginChallenges).where(eq(loginChallenges.tokenHash, sha256(token)));
      return userId;
    },

    async endChallenge(token: string) {
      await db.delete(loginChallenges).where(eq(loginChallenges.tokenHash, sha256(token)));
    },
  };
}
export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
