// An operator's way to reset a password when the server cannot send e-mail.
//   npm run reset-password -- someone@example.com           prints a new random password
// Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: the embedded
// database belongs to one process at a time). Every session of the account is signed out.
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { securityEvents, sessions, users } from '../src/db/schema/index.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { randomSecret } from '../src/lib/secrets.ts';

const email = process.argv[2];
if (!email) {
  console.error('usage: npm run reset-password -- <e-mail address>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/db` });
try {
  const [user] = await database.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  if (!user) {
    console.error(`No account with the address ${email}.`);
    process.exitCode = 1;
  } else {
    const password = randomSecret(12);
    await database.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
        .where(eq(users.id, user.id));
      await tx.delete(sessions).where(eq(sessions.userId, user.id));
      await tx.insert(securityEvents).values({ userId: user.id, kind: 'password_reset_by_operator' });
    });
    console.log(
      `New password for ${user.email}: ${password}\nEvery session was signed out. Ask them to change it after signing in.`,
    );
  }
} finally {
  await database.close();
}
