import { sql } from 'drizzle-orm';
import type { Achievement } from '@career-anchor/contracts';
import type { Db } from '../db/client.ts';
import { achievements } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { iso } from '../lib/text.ts';
import { ACHIEVEMENT_JSON } from '../repositories/item-json.ts';
import type { Keyset } from '../repositories/paging.ts';
import { hasTag } from '../repositories/tags.repository.ts';
import { containsText } from '../repositories/text-filter.ts';
import type { Actor } from '../lib/actor.ts';
import { createItemCrud } from './item-crud.ts';

type Row = typeof achievements.$inferSelect;

const toDto = (row: Row, tags: string[]): Achievement => ({
  id: row.id,
  title: row.title,
  description: row.description,
  quantifiableResults: row.quantifiableResults,
  skills: row.skills,
  achievedOn: row.achievedOn,
  tags,
  isPublic: row.isPublic,
  source: row.source as Achievement['source'],
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

/** Newest first; undated achievements last. */
const newestFirst: Keyset<Row> = {
  key: sql`coalesce(${achievements.achievedOn}, '0001-01-01'::date)`,
  type: 'date',
  direction: 'desc',
  id: achievements.id,
  valueOf: (row) => row.achievedOn ?? '0001-01-01',
  idOf: (row) => row.id,
  json: `to_json(coalesce(achievements.achieved_on, '0001-01-01'::date))`,
};

export function createAchievementsService(db: Db, clock: Clock, queue: JobQueue) {
  const crud = createItemCrud({
    db,
    clock,
    table: achievements,
    kind: 'achievement',
    label: 'Achievement',
    toDto,
    json: ACHIEVEMENT_JSON,
  });

  return {
    ...crud,

    /** An achievement the user adds (not one accepted from a suggestion) prompts a suggestion. */
    async create(actor: Actor, input: object & { tags?: string[] }, extra: Partial<Row> = {}): Promise<Achievement> {
      return crud.create(actor, input, extra, async (tx, row) => {
        if (row.source !== 'suggestion')
          await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'achievement_added', id: row.id });
      });
    },

    async list(
      actor: Actor,
      query: { tag?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined },
    ) {
      return crud.listPage(
        actor,
        [
          query.tag ? hasTag('achievement', achievements.id, actor.userId, query.tag) : undefined,
          query.q
            ? await containsText(
                db,
                query.q,
                [achievements.title, achievements.description, achievements.quantifiableResults],
                achievements.searchText,
              )
            : undefined,
        ],
        newestFirst,
        query,
      );
    },
  };
}
export type AchievementsService = ReturnType<typeof createAchievementsService>;
