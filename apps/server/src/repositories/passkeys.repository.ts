import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { passkeys } from '../db/schema/index.ts';
import { deleteUserRow } from './conditions.ts';

export type PasskeyRow = typeof passkeys.$inferSelect;

/** A sign-in with it: the counter moves on, so a cloned key shows. */
async function recordUse(db: Executor, id: string, counter: number, now: Date) {
  await db.update(passkeys).set({ counter, lastUsedAt: now }).where(eq(passkeys.id, id));
}

/** The acting user's passkeys. */
export function passkeysRepository(db: Executor, userId: string) {
  return {
    async list(): Promise<PasskeyRow[]> {
      return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(passkeys.createdAt);
    },

    /** The credentials the browser should offer or exclude. */
    async credentials() {
      return db
        .select({ id: passkeys.credentialId, transports: passkeys.transports })
        .from(passkeys)
        .where(eq(passkeys.userId, userId));
    },

    async insert(values: Omit<typeof passkeys.$inferInsert, 'userId'>): Promise<PasskeyRow> {
      const [row] = await db
        .insert(passkeys)
        .values({ ...values, userId })
        .returning();
      return row!;
    },

    /** Whether the user had such a passkey. */
    delete: (id: string): Promise<boolean> => deleteUserRow(db, passkeys, userId, id),

    async findByCredential(credentialId: string): Promise<PasskeyRow | undefined> {
      const [row] = await db
        .select()
        .from(passkeys)
        .where(and(eq(passkeys.credentialId, credentialId), eq(passkeys.userId, userId)));
      return row;
    },

    recordUse: (id: string, counter: number, now: Date) => recordUse(db, id, counter, now),
  };
}

/** Signing in with a passkey alone: the credential says whose account it opens. */
export function passkeysSystem(db: Executor) {
  return {
    async findByCredential(credentialId: string): Promise<PasskeyRow | undefined> {
      const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId));
      return row;
    },

    recordUse: (id: string, counter: number, now: Date) => recordUse(db, id, counter, now),
  };
}
