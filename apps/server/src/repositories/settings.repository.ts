import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { userSettings } from '../db/schema/index.ts';

export type SettingsRow = typeof userSettings.$inferSelect;

async function findSettings(db: Executor, userId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(userSettings).where(eq(userSettings.userId, userId));
  return row;
}

export async function updateSettings(db: Executor, userId: string, values: Partial<typeof userSettings.$inferInsert>, now: Date) {
  await db
    .update(userSettings)
    .set({ ...values, updatedAt: now })
    .where(eq(userSettings.userId, userId));
}

/** The acting user's settings row. */
export function settingsRepository(db: Executor, userId: string) {
  return {
    find: () => findSettings(db, userId),
    update: (values: Partial<typeof userSettings.$inferInsert>, now: Date) => updateSettings(db, userId, values, now),
  };
}
