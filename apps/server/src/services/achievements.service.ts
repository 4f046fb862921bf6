import type { Achievement } from '@career-anchor/contracts';
import { JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { iso } from '../lib/text.ts';
import type { AchievementFilter, AchievementRow } from '../repositories/achievements.repository.ts';
import type { Repositories } from '../repositories/index.ts';
import { createItemCrud } from './item-crud.ts';

const toDto = (row: AchievementRow, tags: string[]): Achievement => ({
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

export function createAchievementsService(repos: Repositories, clock: Clock, queue: JobQueue) {
  const crud = createItemCrud({ repos, clock, pick: (r) => r.achievements, label: 'Achievement', toDto });

  return {
    get: crud.get,
    update: crud.update,
    remove: crud.remove,

    /** An achievement the user adds (not one accepted from a suggestion) prompts a suggestion. */
    async create(actor: Actor, input: object & { tags?: string[] }, extra: Partial<AchievementRow> = {}): Promise<Achievement> {
      return crud.create(actor, input, extra, async (_repos, tx, row) => {
        if (row.source !== 'suggestion')
          await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'achievement_added', id: row.id });
      });
    },

    /** Newest first. */
    list: (actor: Actor, query: AchievementFilter & { limit: number; cursor?: string | undefined }) =>
      crud.list(actor, query, 'newest', query),
  };
}
export type AchievementsService = ReturnType<typeof createAchievementsService>;
