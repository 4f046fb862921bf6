// An operator's way to end sessions: of one account, or of every account (after a leak, say).
//   npm run sign-out -- someone@example.com
//   npm run sign-out -- --all
// Personal API tokens are not sessions and stay; the account holder revokes them on the Security
// page. Uses DATABASE_URL, or the embedded database in DATA_DIR.
import { eq } from 'drizzle-orm';
import { securityEvents, sessions } from '../src/db/schema/index.ts';
import * as accounts from '../src/repositories/accounts.repository.ts';
import { OperatorError, runOperatorCommand } from './operator.ts';

const target = process.argv[2];
await runOperatorCommand('npm run sign-out -- <e-mail address> | --all', async ({ db }) => {
  if (!target) throw new OperatorError('', 2);
  if (target === '--all') {
    const ended = await db.transaction(async (tx) => {
      const holders = await tx.selectDistinct({ userId: sessions.userId }).from(sessions);
      // In slices, to stay under PostgreSQL's limit of parameters per statement.
      for (let i = 0; i < holders.length; i += 10_000) {
        const slice = holders.slice(i, i + 10_000);
        await tx.insert(securityEvents).values(slice.map(({ userId }) => ({ userId, kind: 'sessions_revoked' as const })));
      }
      return (await tx.delete(sessions).returning({ id: sessions.id })).length;
    });
    console.log(`Signed out ${ended} session(s) of every account.`);
    return;
  }
  const user = await accounts.findUserByEmail(db, target);
  if (!user) throw new OperatorError(`No account with the address ${target}.`);
  const ended = await db.transaction(async (tx) => {
    await tx.insert(securityEvents).values({ userId: user.id, kind: 'sessions_revoked' });
    return (await tx.delete(sessions).where(eq(sessions.userId, user.id)).returning({ id: sessions.id })).length;
  });
  console.log(`Signed out ${ended} session(s) of ${user.email}.`);
});
