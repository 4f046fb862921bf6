import { createHmac } from 'node:crypto';
import type { Config } from '../config.ts';
import { INTERNAL_JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { escapeHtml, type Mailer } from '../lib/mailer.ts';
import { assertNotCommonPassword, hashPassword } from '../lib/passwords.ts';
import { HttpProblem } from '../lib/problem.ts';
import { sha256 } from '../lib/secrets.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { RequestMeta } from '../lib/actor.ts';
import type { SecurityLog } from './security.service.ts';

type Purpose = 'password_reset' | 'email_verification';
const LIFETIME_MS: Record<Purpose, number> = { password_reset: 30 * 60_000, email_verification: 48 * 3600_000 };

const invalidLink = () =>
  new HttpProblem('invalid-link', {
    detail: 'This link is not valid, has expired or was used already. Ask for a new one.',
  });
const mailUnavailable = () =>
  new HttpProblem('mail-unavailable', {
    detail: 'This server cannot send e-mail, so this is not available. Ask whoever runs it to reset your password.',
  });

const WORDS = {
  en: {
    password_reset: {
      subject: 'Reset your Career Anchor password',
      lead: 'Someone asked to reset the password of this account. If it was you, choose a new one:',
      action: 'Choose a new password',
      note: 'The link works once, for 30 minutes. If it was not you, ignore this e-mail: nothing changes.',
    },
    email_verification: {
      subject: 'Confirm your e-mail address',
      lead: 'Confirm that this address is yours:',
      action: 'Confirm my address',
      note: 'The link works once, for 48 hours.',
    },
  },
  'zh-CN': {
    password_reset: {
      subject: '重置你的职业锚点密码',
      lead: '有人请求重置此账户的密码。如果是你本人，请设置新密码：',
      action: '设置新密码',
      note: '链接 30 分钟内有效，只能使用一次。如果不是你本人操作，请忽略此邮件，账户不会有任何变化。',
    },
    email_verification: {
      subject: '确认你的邮箱地址',
      lead: '请确认这个邮箱地址属于你：',
      action: '确认邮箱',
      note: '链接 48 小时内有效，只能使用一次。',
    },
  },
};

/** The secret a link carries: the row id and its HMAC under APP_SECRET. */
const oneTimeToken = (appSecret: string, id: string) =>
  `${id}.${createHmac('sha256', appSecret).update(`one-time:${id}`).digest('base64url')}`;

/**
 * Stores a new single-use link of this purpose for the user, replacing any unused one, and
 * answers its id and the token it carries (shown once: only its hash is kept).
 */
export async function createOneTimeToken(
  mine: UserRepositories,
  input: { purpose: Purpose; now: Date; appSecret: string },
): Promise<{ id: string; token: string }> {
  const { purpose, now } = input;
  const id = uuidv7();
  const token = oneTimeToken(input.appSecret, id);
  await mine.oneTimeTokens.deleteUnused(purpose);
  await mine.oneTimeTokens.insert({
    id,
    purpose,
    tokenHash: sha256(token),
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
    now,
  });
  return { id, token };
}

/**
 * Password reset and e-mail verification by e-mail. Links carry a token derived from the row's
 * id with APP_SECRET and the database keeps only its hash, so neither a copy of the database nor
 * the job queue holds a usable link. Asking for a reset answers the same, in the same time,
 * whether or not the address has an account.
 */
export function createEmailTokensService(deps: {
  repos: Repositories;
  clock: Clock;
  config: Config;
  mailer: Mailer;
  queue: JobQueue;
  log: SecurityLog;
}) {
  const { repos, clock, config, mailer, queue, log } = deps;
  const tokenFor = (id: string) => oneTimeToken(config.appSecret, id);

  async function issue(userId: string, purpose: Purpose) {
    await repos.transaction({ userId }, async (mine, tx) => {
      const { id } = await createOneTimeToken(mine, { purpose, now: clock.now(), appSecret: config.appSecret });
      await queue.sendInternal(tx, INTERNAL_JOB.accountMail, { tokenId: id }, id);
    });
  }

  /** Marks a token used and returns its user, or refuses it (unknown, forged, expired, used). */
  async function redeem(token: string, purpose: Purpose): Promise<string> {
    const used = await repos.system.oneTimeTokens.redeem(sha256(token), purpose, clock.now());
    if (!used?.userId) throw invalidLink();
    return used.userId;
  }

  return {
    available: () => mailer.available,

    /**
     * Queues the request and answers: the same single insert whatever the address, so the
     * answer cannot tell, by its content or its time, whether an account exists.
     */
    async requestPasswordReset(email: string) {
      if (!mailer.available) throw mailUnavailable();
      await queue.sendInternal(repos.executor, INTERNAL_JOB.resetRequest, { email }, uuidv7());
    },

    /** The queued request's work: a link for a real account, nothing for an unknown address. */
    async issuePasswordReset(email: string) {
      const user = await repos.system.accounts.findByEmail(email);
      if (user) await issue(user.id, 'password_reset');
    },

    async resetPassword(token: string, newPassword: string, meta: RequestMeta) {
      // Before the link is used: a refused password leaves the link working.
      await assertNotCommonPassword(newPassword, 'newPassword');
      const passwordHash = await hashPassword(newPassword);
      const userId = await redeem(token, 'password_reset');
      await repos.transaction({ userId }, async ({ accounts, sessions }) => {
        await accounts.updatePasswordHash(passwordHash, clock.now());
        await sessions.deleteAllBut(null);
      });
      await log(userId, 'password_reset', meta);
    },

    async requestVerification(userId: string) {
      if (!mailer.available) throw mailUnavailable();
      await issue(userId, 'email_verification');
    },

    async verifyEmail(token: string, meta: RequestMeta) {
      const userId = await redeem(token, 'email_verification');
      await repos.for({ userId }).accounts.markEmailVerified(clock.now());
      await log(userId, 'email_verified', meta);
    },

    /** Sends the e-mail for a token (the job's work): the link is rebuilt here, never stored. */
    async send(tokenId: string) {
      const row = await repos.system.oneTimeTokens.findForMail(tokenId);
      if (!row || row.token.usedAt || row.token.expiresAt <= clock.now()) return;
      const purpose = row.token.purpose as Purpose;
      const words = (row.locale === 'zh-CN' ? WORDS['zh-CN'] : WORDS.en)[purpose];
      const page = purpose === 'password_reset' ? 'reset-password' : 'verify-email';
      const link = `${config.publicUrl.origin}/${page}?token=${encodeURIComponent(tokenFor(tokenId))}`;
      await mailer.send({
        to: row.email,
        subject: words.subject,
        text: `${words.lead}\n\n${link}\n\n${words.note}\n`,
        html: `<!doctype html><html lang="${row.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5"><p>${escapeHtml(words.lead)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(words.action)}</a></p><p style="color:#666">${escapeHtml(words.note)}</p></body></html>`,
      });
    },
  };
}
export type EmailTokensService = ReturnType<typeof createEmailTokensService>;
