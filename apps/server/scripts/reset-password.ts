// An operator's way to let someone reset a password when the server cannot send e-mail.
//   npm run reset-password -- someone@example.com
// Prints a single-use link, valid for 30 minutes, to hand to that person: they choose the new
// password themselves (the operator never knows it), every session is signed out when it is
// used, and two-factor sign-in stays on. Uses DATABASE_URL, or the embedded database in DATA_DIR.
import { createRepositories } from '../src/repositories/index.ts';
import { createOneTimeToken } from '../src/services/email-tokens.service.ts';
import { OperatorError, runOperatorCommand, type OperatorIo } from './operator.ts';

/** The command, given its arguments; answers the exit code. */
export function resetPassword([email]: string[], io?: OperatorIo): Promise<number> {
  return runOperatorCommand(
    'npm run reset-password -- <e-mail address>',
    async ({ db }, config, { out }) => {
      if (!email) throw new OperatorError('', 2);
      const repos = createRepositories(db);
      const user = await repos.system.accounts.findByEmail(email);
      if (!user) throw new OperatorError(`No account with the address ${email}.`);
      const { token } = await repos.transaction({ userId: user.id }, async (mine) => {
        const now = new Date();
        const issued = await createOneTimeToken(mine, { purpose: 'password_reset', now, appSecret: config.appSecret });
        await mine.securityLog.add({ kind: 'password_reset_by_operator', ip: null, userAgent: null, now });
        return issued;
      });
      const link = `${config.publicUrl.origin}/reset-password?token=${encodeURIComponent(token)}`;
      out(`Password reset link for ${user.email} (works once, for 30 minutes):\n${link}`);
    },
    io,
  );
}

if (import.meta.main) process.exitCode = await resetPassword(process.argv.slice(2));
