// An operator's way to end sessions: of one account, or of every account (after a leak, say).
//   npm run sign-out -- someone@example.com
//   npm run sign-out -- --all
// Personal API tokens are not sessions and stay; the account holder revokes them on the Security
// page. Uses DATABASE_URL, or the embedded database in DATA_DIR.
import { createRepositories } from '../src/repositories/index.ts';
import { OperatorError, runOperatorCommand, type OperatorIo } from './operator.ts';

/** The command, given its arguments; answers the exit code. */
export function signOut([target]: string[], io?: OperatorIo): Promise<number> {
  return runOperatorCommand(
    'npm run sign-out -- <e-mail address> | --all',
    async ({ db }, _config, { out }) => {
      if (!target) throw new OperatorError('', 2);
      const repos = createRepositories(db);
      if (target === '--all') {
        const ended = await repos.system.sessions.deleteEverySession();
        out(`Signed out ${ended} session(s) of every account.`);
        return;
      }
      const user = await repos.system.accounts.findByEmail(target);
      if (!user) throw new OperatorError(`No account with the address ${target}.`);
      const ended = await repos.transaction({ userId: user.id }, async (mine) => {
        await mine.securityLog.add({ kind: 'sessions_revoked', ip: null, userAgent: null, now: new Date() });
        return mine.sessions.deleteAllBut(null);
      });
      out(`Signed out ${ended} session(s) of ${user.email}.`);
    },
    io,
  );
}

if (import.meta.main) process.exitCode = await signOut(process.argv.slice(2));
