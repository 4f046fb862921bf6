import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { achievements } from '../db/schema/index.ts';
import { ACHIEVEMENT_JSON } from './item-json.ts';
import { itemsRepository, tagAndText } from './items.repository.ts';

export type AchievementRow = typeof achievements.$inferSelect;

export interface AchievementFilter {
  tag?: string | undefined;
  q?: string | undefined;
}

const SPEC = {
  table: achievements,
  kind: 'achievement' as const,
  json: ACHIEVEMENT_JSON,
  keysets: {
    /** Newest first; undated achievements last. */
    newest: {
      key: sql`coalesce(${achievements.achievedOn}, '0001-01-01'::date)`,
      type: 'date' as const,
      direction: 'desc' as const,
      id: achievements.id,
      valueOf: (row: AchievementRow) => row.achievedOn ?? '0001-01-01',
      idOf: (row: AchievementRow) => row.id,
      json: `to_json(coalesce(achievements.achieved_on, '0001-01-01'::date))`,
    },
  },
  where(filter: AchievementFilter, db: Db, userId: string) {
    const { title, description, quantifiableResults } = achievements;
    return tagAndText(achievements, filter, db, userId, [title, description, quantifiableResults]);
  },
};

/** The acting user's achievements. */
export const achievementsRepository = (db: Executor, userId: string) => itemsRepository(SPEC, db, userId);
