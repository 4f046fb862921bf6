import type { SecurityEventKind, User } from '@career-anchor/contracts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { assertNotCommonPassword, hashPassword, verifyAgainstNothing, verifyPassword } from '../lib/passwords.ts';
import { HttpProblem, conflict, notFound } from '../lib/problem.ts';
import * as accounts from '../repositories/accounts.repository.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { TwoFactorService } from './two-factor.service.ts';
import type { SecurityLog } from './security.service.ts';
import type { IssuedSession, SessionsService } from './sessions.service.ts';

const wrongCredentials = () =>
  new HttpProblem(401, 'Unauthorized', { detail: 'Wrong e-mail or password.', type: '/problems/wrong-credentials' });
const wrongPassword = () =>
  new HttpProblem(403, 'Forbidden', { detail: 'The password is not correct.', type: '/problems/wrong-password' });
const wrongCode = () =>
  new HttpProblem(403, 'Forbidden', { detail: 'That code is not right, or was used already.', type: '/problems/invalid-code' });

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  sessions: SessionsService;
  throttle: LoginThrottle;
  log: SecurityLog;
  twoFactor: TwoFactorService;
  /** REQUIRE_TWO_FACTOR: the user says whether it still has to be turned on. */
  requireTwoFactor: boolean;
  /** Called before an account's rows are deleted, to cancel its queued work. */
  onAccountDeleting?: (userId: string) => Promise<void>;
}

export function createAccountsService(deps: AccountsDeps) {
  const { db, clock, sessions, throttle, log, twoFactor, requireTwoFactor, onAccountDeleting } = deps;
  const toUser = async (row: accounts.UserRow, locale: string): Promise<User> => ({
    id: row.id,
    email: row.email,
    emailVerified: Boolean(row.emailVerifiedAt),
    hasPassword: Boolean(row.passwordHash),
    twoFactorSetupRequired: requireTwoFactor && !(await twoFactor.enabled(row.id)),
    displayName: row.displayName,
    locale,
    createdAt: row.createdAt.toISOString(),
  });
  /**
   * Proof that the person at the keyboard owns the account before a sensitive change: the
   * current password (a wrong one counts as a failed sign-in), or — for an account that has
   * none — a recent sign-in (see SessionsService.requireRecentSignIn).
   */
  async function confirmIdentity(actor: Actor, password: string | undefined, meta: RequestMeta, reauthWindowMs: number) {
    const user = await accounts.findUserById(db, actor.userId);
    if (!user) throw notFound('Account');
    if (user.passwordHash) {
      await throttle.assertAllowed(user.email, meta.ip);
      if (!password || !(await verifyPassword(user.passwordHash, password))) {
        await throttle.recordFailure(user.email, meta.ip);
        throw wrongPassword();
      }
    } else {
      await sessions.requireRecentSignIn(actor, reauthWindowMs);
    }
    return user;
  }

  return {
    async register(
      input: { email: string; password: string; displayName: string; locale: string },
      meta: RequestMeta,
    ): Promise<{ user: User; session: IssuedSession }> {
      await assertNotCommonPassword(input.password, 'password', [input.email, input.displayName]);
      const passwordHash = await hashPassword(input.password);
      const result = await db.transaction(async (tx) => {
        const row = await accounts.insertUser(tx, { ...input, passwordHash, now: clock.now() });
        if (!row) return null;
        return { row, session: await sessions.issue(tx, row.id, meta) };
      });
      if (!result) throw conflict('An account with this e-mail address already exists.');
      await log(result.row.id, 'registered', meta);
      return { user: await toUser(result.row, input.locale), session: result.session };
    },

    async login(input: { email: string; password: string }, meta: RequestMeta) {
      await throttle.assertAllowed(input.email, meta.ip);
      const user = await accounts.findUserByEmail(db, input.email);
      const ok = user?.passwordHash
        ? await verifyPassword(user.passwordHash, input.password)
        : (await verifyAgainstNothing(input.password), false);
      if (!user || !ok) {
        await throttle.recordFailure(input.email, meta.ip);
        if (user) await log(user.id, 'sign_in_failed', meta);
        throw wrongCredentials();
      }
      await throttle.recordSuccess(input.email);
      if (await twoFactor.enabled(user.id)) {
        await log(user.id, 'password_accepted', meta);
        const { passkeys } = await twoFactor.status({ userId: user.id } as Actor);
        const methods: ('totp' | 'recovery' | 'passkey')[] = passkeys ? ['totp', 'recovery', 'passkey'] : ['totp', 'recovery'];
        return { challenge: await twoFactor.startChallenge(user.id), methods };
      }
      return this.finishSignIn(user.id, meta);
    },

    /** The last step of every sign-in: a new session (a new id, never a reused one) for the user. */
    async finishSignIn(userId: string, meta: RequestMeta, how: SecurityEventKind = 'signed_in') {
      const found = await accounts.findUserWithLocale(db, userId);
      if (!found) throw notFound('Account');
      const session = await sessions.issue(db, userId, meta);
      await log(userId, how, meta);
      return { user: await toUser(found.user, found.locale ?? 'en'), session };
    },

    async me(actor: Actor): Promise<User> {
      const found = await accounts.findUserWithLocale(db, actor.userId);
      if (!found) throw notFound('Account');
      return toUser(found.user, found.locale ?? 'en');
    },

    /** A new session id for the same sign-in, after a privilege change; the old one ends. */
    async rotateSession(actor: Actor, meta: RequestMeta) {
      const session = await db.transaction(async (tx) => {
        const old = actor.sessionId ? await accounts.findSession(tx, actor.sessionId) : undefined;
        if (old) await accounts.deleteSession(tx, old.id);
        return sessions.issue(tx, actor.userId, meta, old);
      });
      return { session };
    },

    /**
     * "Confirm it's you": the password or a code from the authenticator app (not a recovery
     * code). A wrong one counts as a failed sign-in, so this cannot be used to guess passwords.
     * On success the session gets a new id and a new sign-in time (see `confirmed`).
     */
    async confirm(
      actor: Actor,
      proof: { password?: string | undefined; code?: string | undefined },
      meta: RequestMeta,
      reauthWindowMs: number,
    ) {
      const user = await accounts.findUserById(db, actor.userId);
      if (!user) throw notFound('Account');
      await throttle.assertAllowed(user.email, meta.ip);
      let ok = false;
      if (proof.password !== undefined) {
        ok = user.passwordHash
          ? await verifyPassword(user.passwordHash, proof.password)
          : (await verifyAgainstNothing(proof.password), false);
      } else if (proof.code !== undefined) {
        ok = (await twoFactor.enabled(user.id)) && (await twoFactor.useTotp(user.id, proof.code));
      }
      if (!ok) {
        await throttle.recordFailure(user.email, meta.ip);
        await log(user.id, 'sign_in_failed', meta);
        throw proof.password !== undefined ? wrongPassword() : wrongCode();
      }
      await throttle.recordSuccess(user.email);
      return this.confirmed(actor, meta, reauthWindowMs);
    },

    /** The person proved who they are (password, code or one of their passkeys): a new session id, signed in now. */
    async confirmed(actor: Actor, meta: RequestMeta, reauthWindowMs: number) {
      const session = await sessions.reconfirm(actor, meta, reauthWindowMs);
      await log(actor.userId, 'identity_confirmed', meta);
      return session;
    },

    async logout(actor: Actor) {
      if (actor.sessionId) await sessions.revoke(actor.sessionId);
    },

    /**
     * Changes the password (or sets a first one), signs out every other session and rotates the
     * current one.
     */
    async changePassword(
      actor: Actor,
      input: { currentPassword?: string; newPassword: string },
      meta: RequestMeta,
      reauthWindowMs: number,
    ) {
      const user = await confirmIdentity(actor, input.currentPassword, meta, reauthWindowMs);
      await assertNotCommonPassword(input.newPassword, 'newPassword', [user.email, user.displayName]);
      const passwordHash = await hashPassword(input.newPassword);
      const session = await db.transaction(async (tx) => {
        await accounts.updatePasswordHash(tx, actor.userId, passwordHash, clock.now());
        await accounts.deleteOtherSessions(tx, actor.userId, null);
        return actor.via === 'session' ? sessions.issue(tx, actor.userId, meta) : null;
      });
      await log(actor.userId, user.passwordHash ? 'password_changed' : 'password_set', meta);
      return session;
    },

    async deleteAccount(actor: Actor, password: string | undefined, meta: RequestMeta, reauthWindowMs: number) {
      await confirmIdentity(actor, password, meta, reauthWindowMs);
      await onAccountDeleting?.(actor.userId);
      await accounts.deleteUser(db, actor.userId);
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
