import type { SecurityEventKind, User } from '@career-anchor/contracts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { assertNotCommonPassword, hashPassword, verifyAgainstNothing, verifyPassword } from '../lib/passwords.ts';
import { HttpProblem, conflict, notFound, unauthorized } from '../lib/problem.ts';
import type { UserRow } from '../repositories/accounts.repository.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import type { EmailTokensService } from './email-tokens.service.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { TwoFactorService } from './two-factor.service.ts';
import type { SecurityLog } from './security.service.ts';
import type { IssuedSession, SessionsService } from './sessions.service.ts';

const wrongCredentials = () => new HttpProblem('wrong-credentials', { detail: 'Wrong e-mail or password.' });
const wrongPassword = () => new HttpProblem('wrong-password', { detail: 'The password is not correct.' });
const wrongCode = () => new HttpProblem('wrong-code', { detail: 'That code is not right, or was used already.' });

/** The best of our locales for an Accept-Language header. */
export const pickLocale = (header: string | undefined): 'en' | 'zh-CN' =>
  (header ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

export interface AccountsDeps {
  repos: Repositories;
  clock: Clock;
  sessions: SessionsService;
  throttle: LoginThrottle;
  log: SecurityLog;
  twoFactor: TwoFactorService;
  emailTokens: EmailTokensService;
  /** The sign-in providers this server is set up for. */
  providers: ('github' | 'google')[];
  /** REQUIRE_TWO_FACTOR: the user says whether it still has to be turned on. */
  requireTwoFactor: boolean;
  /** Called before an account's rows are deleted, to cancel its queued work. */
  onAccountDeleting?: (userId: string) => Promise<void>;
}

export function createAccountsService(deps: AccountsDeps) {
  const { repos, clock, sessions, throttle, log, twoFactor, emailTokens, requireTwoFactor, onAccountDeleting } = deps;
  const toUser = async (row: UserRow, locale: string): Promise<User> => ({
    id: row.id,
    email: row.email,
    emailVerified: Boolean(row.emailVerifiedAt),
    hasPassword: Boolean(row.passwordHash),
    twoFactorSetupRequired: requireTwoFactor && !(await twoFactor.enabled(row.id)),
    displayName: row.displayName,
    locale,
    createdAt: row.createdAt.toISOString(),
  });
  async function findUser(owner: { userId: string }) {
    const found = await repos.for(owner).accounts.findWithLocale();
    if (!found) throw notFound('Account');
    return found;
  }
  /**
   * Proof that the person at the keyboard owns the account before a sensitive change: the
   * current password (a wrong one counts as a failed sign-in), or — for an account that has
   * none — a recent sign-in (see SessionsService.requireRecentSignIn).
   */
  async function confirmIdentity(actor: Actor, password: string | undefined, meta: RequestMeta, reauthWindowMs: number) {
    const { user } = await findUser(actor);
    const hash = user.passwordHash;
    if (hash) {
      const ok = await throttle.check(user.email, meta.ip, async () => Boolean(password) && verifyPassword(hash, password!));
      if (!ok) throw wrongPassword();
    } else {
      await sessions.requireRecentSignIn(actor, reauthWindowMs);
    }
    return user;
  }

  /** The last step of every sign-in: a new session (a new id, never a reused one) for the user. */
  async function finishSignIn(userId: string, meta: RequestMeta, how: SecurityEventKind = 'signed_in') {
    const found = await findUser({ userId });
    const session = await sessions.issue(userId, meta);
    await log(userId, how, meta);
    return { user: await toUser(found.user, found.locale ?? 'en'), session };
  }
  /** A sign-in with the password, and the second factor when it is on: the account's count of wrong answers starts over. */
  async function finishPasswordSignIn(userId: string, email: string, meta: RequestMeta, how?: SecurityEventKind) {
    await throttle.clear(email);
    return finishSignIn(userId, meta, how);
  }

  return {
    finishSignIn,

    /** What this server offers for signing in. */
    options: () => ({
      passwordReset: emailTokens.available(),
      emailVerification: emailTokens.available(),
      providers: deps.providers,
    }),

    /**
     * A new account, signed in, in the language and time zone its browser asked for (the
     * language from Accept-Language when the page said none); a link to confirm the address
     * follows by e-mail when the server can send one. An address that already has an account
     * answers 409, counted per address and per IP (429 past the limit).
     */
    async register(
      input: { email: string; password: string; displayName: string; locale?: string | undefined; timezone?: string | undefined },
      meta: RequestMeta & { acceptLanguage?: string | undefined },
    ): Promise<{ user: User; session: IssuedSession }> {
      await assertNotCommonPassword(input.password, 'password', [input.email, input.displayName]);
      const locale = input.locale ?? pickLocale(meta.acceptLanguage);
      const result = await throttle.signUp(input.email, meta.ip, async () => {
        const passwordHash = await hashPassword(input.password);
        return repos.transaction({ userId: uuidv7() }, async (to) => {
          const row = await to.accounts.create({
            email: input.email,
            displayName: input.displayName,
            passwordHash,
            locale,
            timezone: input.timezone,
            now: clock.now(),
          });
          if (!row) return null;
          return { row, session: await sessions.issueWith(to, meta) };
        });
      });
      if (!result) throw conflict('An account with this e-mail address already exists.');
      await log(result.row.id, 'registered', meta);
      if (emailTokens.available()) await emailTokens.requestVerification(result.row.id);
      return { user: await toUser(result.row, locale), session: result.session };
    },

    /**
     * The password step. A right password alone does not clear the account's count of wrong
     * answers when a second factor follows; only the whole sign-in does.
     */
    async login(input: { email: string; password: string }, meta: RequestMeta) {
      let found: UserRow | undefined;
      const user = await throttle.check(input.email, meta.ip, async () => {
        found = await repos.system.accounts.findByEmail(input.email);
        const ok = found?.passwordHash
          ? await verifyPassword(found.passwordHash, input.password)
          : (await verifyAgainstNothing(input.password), false);
        return ok ? found : undefined;
      });
      if (!user) {
        if (found) await log(found.id, 'sign_in_failed', meta);
        throw wrongCredentials();
      }
      if (await twoFactor.enabled(user.id)) {
        await log(user.id, 'password_accepted', meta);
        const { passkeys } = await twoFactor.status({ userId: user.id } as Actor);
        const methods: ('totp' | 'recovery' | 'passkey')[] = passkeys ? ['totp', 'recovery', 'passkey'] : ['totp', 'recovery'];
        return { challenge: await twoFactor.startChallenge(user.id), methods };
      }
      return finishPasswordSignIn(user.id, user.email, meta);
    },

    /** The second step of a sign-in that waits for one: a code from the app or a recovery code. */
    async finishWithCode(
      challenge: string | undefined,
      proof: { code?: string | undefined; recoveryCode?: string | undefined },
      meta: RequestMeta,
    ) {
      if (!challenge) throw unauthorized('Sign in with your password first.');
      const user = await twoFactor.completeWithCode(challenge, proof, meta);
      return finishPasswordSignIn(user.id, user.email, meta, proof.recoveryCode ? 'signed_in_recovery_code' : 'signed_in');
    },

    async me(actor: Actor): Promise<User> {
      const found = await findUser(actor);
      return toUser(found.user, found.locale ?? 'en');
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
      const { user } = await findUser(actor);
      const ok = await throttle.check(user.email, meta.ip, async () => {
        if (proof.password !== undefined) {
          return user.passwordHash
            ? verifyPassword(user.passwordHash, proof.password)
            : (await verifyAgainstNothing(proof.password), false);
        }
        if (proof.code === undefined) return false;
        return (await twoFactor.enabled(user.id)) && twoFactor.useTotp(user.id, proof.code);
      });
      if (!ok) {
        await log(user.id, 'sign_in_failed', meta);
        throw proof.password !== undefined ? wrongPassword() : wrongCode();
      }
      return this.confirmed(actor, meta, reauthWindowMs);
    },

    /** The person proved who they are (password, code or one of their passkeys): a new session id, signed in now. */
    async confirmed(actor: Actor, meta: RequestMeta, reauthWindowMs: number) {
      const session = await sessions.reconfirm(actor, meta, reauthWindowMs);
      await log(actor.userId, 'identity_confirmed', meta);
      return session;
    },

    async logout(actor: Actor | null) {
      if (actor) await sessions.end(actor);
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
      const session = await repos.transaction(actor, async (to) => {
        await to.accounts.updatePasswordHash(passwordHash, clock.now());
        await to.sessions.deleteAllBut(null);
        return actor.via === 'session' ? sessions.issueWith(to, meta) : null;
      });
      await log(actor.userId, user.passwordHash ? 'password_changed' : 'password_set', meta);
      return session;
    },

    async deleteAccount(actor: Actor, password: string | undefined, meta: RequestMeta, reauthWindowMs: number) {
      await confirmIdentity(actor, password, meta, reauthWindowMs);
      await onAccountDeleting?.(actor.userId);
      await repos.for(actor).accounts.delete();
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
