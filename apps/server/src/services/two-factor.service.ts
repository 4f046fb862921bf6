import { randomBytes } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import QRCode from 'qrcode';
import type { Clock } from '../lib/clock.ts';
import { hashPassword, verifyPassword } from '../lib/passwords.ts';
import { HttpProblem, conflict, notFound } from '../lib/problem.ts';
import type { Sealer } from '../lib/sealing.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { SecurityLog } from './security.service.ts';
import type { IssuedSession, SessionsService } from './sessions.service.ts';

const STEP_MS = 30_000;
const DIGITS = 6;
const RECOVERY_CODES = 10;
const CHALLENGE_MS = 5 * 60_000;
const CHALLENGE_ATTEMPTS = 5;

const badCode = () => new HttpProblem('invalid-code', { detail: 'That code is not right, or was used already.' });
const noChallenge = () =>
  new HttpProblem('challenge-expired', { detail: 'The sign-in timed out or had too many tries. Sign in again.' });

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
  repos: Repositories;
  clock: Clock;
  sessions: SessionsService;
  sealer: Sealer;
  log: SecurityLog;
  throttle: LoginThrottle;
  /** REQUIRE_TWO_FACTOR: it cannot be turned off. */
  required: boolean;
}) {
  const { repos, clock, sessions, sealer, log, throttle, required } = deps;
  const mine = (userId: string) => repos.for({ userId }).twoFactor;
  async function account(userId: string) {
    const user = await repos.for({ userId }).accounts.find();
    if (!user) throw notFound('Account');
    return user;
  }
  /** A code (or password) that proves who holds the account counts in the sign-in throttle. */
  const counted = async (userId: string, meta: RequestMeta, check: () => Promise<boolean>) =>
    throttle.check((await account(userId)).email, meta.ip, check);

  /** Accepts a code of this step or its neighbours (clock drift), each step once. */
  async function useTotp(userId: string, code: string): Promise<boolean> {
    const row = await mine(userId).totp();
    if (!row || !/^\d{6}$/.test(code.trim())) return false;
    const key = Buffer.from(sealer.open(row.secretEncrypted), 'base64');
    const now = Math.floor(clock.now().getTime() / STEP_MS);
    for (const step of [now, now - 1, now + 1]) {
      if (generateHOTP(key, BigInt(step), DIGITS) !== code.trim()) continue;
      return mine(userId).claimStep(step);
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
    const codes = mine(userId);
    for (const row of await codes.unusedRecoveryCodes()) {
      if (!(await recoveryCodeMatches(row.codeHash, given))) continue;
      return codes.claimRecoveryCode(row.id, clock.now());
    }
    return false;
  }

  async function newRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((code) => hashPassword(normaliseCode(code))));
    await repos.transaction({ userId }, ({ twoFactor }) => twoFactor.replaceRecoveryCodes(hashes, clock.now()));
    return codes;
  }

  const enabled = (userId: string) => mine(userId).isEnabled();

  return {
    enabled,
    useTotp,

    async status(actor: Actor) {
      const { twoFactor, accounts } = repos.for(actor);
      const totp = await twoFactor.totp();
      const on = Boolean(totp?.enabledAt);
      return {
        totp: on,
        recoveryCodesLeft: on ? await twoFactor.countUnusedRecoveryCodes() : 0,
        passkeys: (await accounts.waysIn()).passkeys,
      };
    },

    /** A new secret to scan; it takes effect once a first code from it is confirmed. */
    async beginTotp(actor: Actor) {
      if (await enabled(actor.userId)) throw conflict('Two-factor sign-in is already on.');
      const user = await account(actor.userId);
      const key = randomBytes(20);
      await mine(actor.userId).saveSecret(sealer.seal(key.toString('base64')), clock.now());
      const uri = createTOTPKeyURI('Career Anchor', user.email, key, STEP_MS / 1000, DIGITS);
      return {
        secret: encodeBase32UpperCaseNoPadding(key),
        otpauthUrl: uri,
        qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }),
      };
    },

    /** Turns it on with a first code; the session gets a new id, as it has more privilege now. */
    async enableTotp(
      actor: Actor,
      code: string,
      meta: RequestMeta,
    ): Promise<{ recoveryCodes: string[]; session: IssuedSession }> {
      const row = await mine(actor.userId).totp();
      if (!row || row.enabledAt) throw conflict('Start the set-up first.');
      if (!(await useTotp(actor.userId, code))) throw badCode();
      await mine(actor.userId).enable(clock.now());
      const codes = await newRecoveryCodes(actor.userId);
      await log(actor.userId, 'two_factor_enabled', meta);
      return { recoveryCodes: codes, session: await sessions.rotate(actor, meta) };
    },

    /** Turning it off needs the password, or a code from the app or a recovery code. */
    async disable(actor: Actor, proof: { password?: string | undefined; code?: string | undefined }, meta: RequestMeta) {
      if (!(await enabled(actor.userId))) throw conflict('Two-factor sign-in is off.');
      if (required) {
        throw new HttpProblem('two-factor-required', {
          detail: 'This server requires two-factor sign-in, so it cannot be turned off.',
        });
      }
      const hash = (await account(actor.userId)).passwordHash;
      const ok = await counted(
        actor.userId,
        meta,
        async () =>
          Boolean(proof.password && hash && (await verifyPassword(hash, proof.password))) ||
          Boolean(proof.code && ((await useTotp(actor.userId, proof.code)) || (await useRecoveryCode(actor.userId, proof.code)))),
      );
      if (!ok) throw new HttpProblem('wrong-password', { detail: 'Confirm with your password or a code.' });
      await repos.transaction(actor, ({ twoFactor }) => twoFactor.remove());
      await log(actor.userId, 'two_factor_disabled', meta);
    },

    async regenerateRecoveryCodes(actor: Actor, code: string, meta: RequestMeta) {
      if (!(await enabled(actor.userId))) throw conflict('Two-factor sign-in is off.');
      if (!(await counted(actor.userId, meta, () => useTotp(actor.userId, code)))) throw badCode();
      const codes = await newRecoveryCodes(actor.userId);
      await log(actor.userId, 'recovery_codes_renewed', meta);
      return { recoveryCodes: codes };
    },

    /** The password was right: a short-lived challenge now waits for the second factor. */
    async startChallenge(userId: string) {
      const token = randomSecret();
      const expiresAt = new Date(clock.now().getTime() + CHALLENGE_MS);
      await mine(userId).insertChallenge(sha256(token), expiresAt, clock.now());
      return { token, expiresAt };
    },

    /** The user whose sign-in this challenge belongs to, counting an attempt; null when expired or used up. */
    async challengeUser(token: string): Promise<string | null> {
      return (await repos.system.twoFactor.attemptChallenge(sha256(token), clock.now(), CHALLENGE_ATTEMPTS)) ?? null;
    },

    /**
     * Completes a sign-in with a code from the app or a recovery code, counted against the account
     * with its wrong passwords: a known password does not buy more guesses at the code.
     */
    async completeWithCode(
      token: string,
      proof: { code?: string | undefined; recoveryCode?: string | undefined },
      meta: RequestMeta,
    ): Promise<{ id: string; email: string }> {
      const userId = await this.challengeUser(token);
      if (!userId) throw noChallenge();
      const user = await account(userId);
      const ok = await throttle.check(user.email, meta.ip, async () =>
        proof.code ? useTotp(userId, proof.code) : proof.recoveryCode ? useRecoveryCode(userId, proof.recoveryCode) : false,
      );
      if (!ok) throw badCode();
      await repos.system.twoFactor.deleteChallenge(sha256(token));
      return user;
    },

    async endChallenge(token: string) {
      await repos.system.twoFactor.deleteChallenge(sha256(token));
    },
  };
}
export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
